// The CMS's preview of a news item or event: the site's own stylesheets and the markup of its
// item pages (overrides/news_item.html, overrides/event.html), so an editor sees the page as
// visitors will. `CMS`, `h` and `createClass` are what decap-cms.js provides.
(function () {
  "use strict";
  var styles = (document.currentScript.getAttribute("data-styles") || "").split(" ");
  styles.forEach(function (href) { if (href) { CMS.registerPreviewStyle(href); } });

  // Pictures are named relative to docs/ (assets/…); this page sits one folder down.
  function assetUrl(props, src) {
    var url = props.getAsset(src).toString();
    return /^(blob:|data:|https?:|\/)/.test(url) ? url : "../" + url;
  }

  function itemPreview(dateField) {
    return createClass({
      render: function () {
        var props = this.props;
        var data = function (name) { return props.entry.getIn(["data", name]); };
        var image = data("image");
        var src = image && image.get("src");
        var figure = src ? h("figure", {},
          h("img", { src: assetUrl(props, src), alt: image.get("alt") || "" }),
          image.get("caption") ? h("figcaption", {}, image.get("caption")) : null) : null;
        return h("div", { className: "md-main" },
          h("div", { className: "md-content" },
            h("article", { className: "md-content__inner md-typeset" },
              h("h1", {}, data("title")),
              h("p", { className: "cluster-meta" }, String(data(dateField) || "")),
              h("p", { className: "cluster-lead" }, data("summary")),
              data("own_part") ? h("p", { className: "cluster-own-part" }, data("own_part")) : null,
              figure,
              props.widgetFor("body"))));
      }
    });
  }

  CMS.registerPreviewTemplate("news", itemPreview("date"));
  CMS.registerPreviewTemplate("events", itemPreview("start"));
})();
