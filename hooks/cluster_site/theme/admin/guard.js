// The editing page never runs inside another site's frame (its GitHub login lives here); hosts
// that ignore site/_headers (GitHub Pages) do not send frame-ancestors.
if (window.top !== window.self) {
  document.documentElement.hidden = true;
  throw new Error("The editing page does not run in a frame.");
}

// Without a repository (extra.cms.repo in mkdocs.yml) Decap can only work on this computer, with
// `make edit`'s local backend; elsewhere it would show nothing but its configuration error, so the
// page says what is missing instead and Decap does not start.
var notSetUp = document.getElementById("cms-not-set-up");
if (notSetUp && !/^(localhost|127\.0\.0\.1)$/.test(window.location.hostname)) {  // Decap's local hosts
  window.CMS_MANUAL_INIT = true;
  notSetUp.hidden = false;
}
