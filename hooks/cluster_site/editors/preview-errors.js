// The preview's panel for a failed rebuild (preview_errors.py): served only by `mkdocs serve`,
// never part of the published site. Asks the preview server every second what the last rebuild
// reported; lists each problem (file, line, field, message) in the editor's language; goes away
// once a rebuild succeeds. Styles are set through the DOM: the site's policy forbids inline CSS.
(function () {
  "use strict";
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  var panel = null, generation = -1, collapsed = false, hadProblems = false;

  function language(data) {
    var wanted = (navigator.languages || [navigator.language || ""]).concat([data.language]);
    for (var i = 0; i < wanted.length; i++) {
      var code = String(wanted[i] || "").toLowerCase().split("-")[0];
      if (data.texts[code]) return code;
    }
    return Object.keys(data.texts)[0];
  }

  function element(tag, text, style) {
    var node = document.createElement(tag);
    if (text) node.textContent = text;
    for (var key in style || {}) node.style[key] = style[key];
    return node;
  }

  function fill(template, value) { return template.replace("{0}", value); }

  function show(data) {
    var lang = language(data), t = data.texts[lang];
    if (!panel) {
      panel = element("section", "", {
        position: "fixed", left: "0", right: "0", bottom: "0", zIndex: "2147483647", maxHeight: "60vh", overflow: "auto",
        background: "#fff", color: "#1b1b1b", borderTop: ".4rem solid #a4262c", boxShadow: "0 -.4rem 1.2rem rgba(0,0,0,.35)",
        font: "16px/1.5 system-ui, sans-serif", padding: "1rem 1.2rem", boxSizing: "border-box"});
      panel.id = "cluster-preview-problems";
      panel.setAttribute("lang", lang);
      document.body.appendChild(panel);
    }
    panel.replaceChildren();
    panel.setAttribute("aria-labelledby", "cluster-preview-problems-heading");
    var heading = element("h2", t.heading, {margin: "0 0 .3rem", fontSize: "1.15rem", color: "#a4262c"});
    heading.id = "cluster-preview-problems-heading";
    var toggle = element("button", collapsed ? t.show : t.hide, {
      float: "right", font: "inherit", fontSize: ".9rem", padding: ".3rem .7rem", border: "2px solid #1b1b1b",
      borderRadius: ".2rem", background: "#fff", color: "#1b1b1b", cursor: "pointer"});
    toggle.type = "button";
    toggle.setAttribute("aria-expanded", String(!collapsed));
    toggle.addEventListener("click", function () { collapsed = !collapsed; show(data); });
    panel.append(toggle, heading);
    if (collapsed) return;
    var list = element("ul", "", {margin: ".4rem 0", paddingLeft: "1.2rem"});
    data.problems.forEach(function (problem) {
      var item = element("li", "", {margin: ".3rem 0"});
      if (problem.path) {
        var where = problem.path + (problem.line ? ", " + t.line + " " + problem.line : "") +
          (problem.field ? ", " + t.field + " " + problem.field : "");
        item.append(element("code", where, {fontWeight: "700", background: "#f3f3f3", padding: "0 .2em"}), ": ");
      }
      item.append(problem.message[lang] || problem.message.en);
      list.appendChild(item);
    });
    var count = element("p", fill(t.count, data.problems.length), {margin: ".2rem 0"});
    count.setAttribute("role", "alert");  // read out when it appears or changes
    panel.append(count, list,
                 element("p", t.after, {margin: ".2rem 0", fontSize: ".9rem"}));
  }

  function update(data) {
    if (data.generation === generation) return;
    generation = data.generation;
    if (data.problems.length) {
      hadProblems = true;
      show(data);
    } else if (panel) {
      panel.remove();
      panel = null;
      // MkDocs' live reload shows the new pages; without it (--no-livereload) this page does,
      // except the editing page, whose form must not be lost.
      var reloads = [].some.call(document.scripts, function (s) { return s.textContent.indexOf("livereload") >= 0; });
      if (hadProblems && !reloads && !document.querySelector("meta[name=robots][content*=noindex]")) location.reload();
    }
  }

  function poll() {
    fetch(base + "preview-problems.json", {cache: "no-store"})
      .then(function (response) { return response.json(); })
      .then(update)
      .catch(function () {})  // the server restarts or stops: ask again
      .then(function () { setTimeout(poll, 1000); });
  }

  poll();
})();
