// The editing page never runs inside another site's frame (its GitHub login lives here); hosts
// that ignore site/_headers (GitHub Pages) do not send frame-ancestors.
if (window.top !== window.self) {
  document.documentElement.hidden = true;
  throw new Error("The editing page does not run in a frame.");
}
