"""A third language needs configuration and content only; untranslated pages fall back to German."""

from __future__ import annotations

import re

from conftest import run_build

POLISH = """        - locale: pl
          name: Polski
          build: true
"""


def test_third_language_by_configuration_and_content_only(project):
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("\nnav:", "\n" + "nav:", 1)
    config = re.sub(r"(          nav_translations:\n(?:            .*\n)+)", r"\1" + POLISH, config)
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    # Content only: the notice in Polish; every other text falls back to German.
    (project / "content/ui").mkdir(exist_ok=True)
    (project / "content/ui/pl.yml").write_text(
        "untranslated.notice: Ta strona nie została jeszcze przetłumaczona na język {language}. Wyświetlana jest wersja w języku {original}.\n",
        encoding="utf-8")
    build = run_build(project)
    assert build.result.returncode == 0, build.output

    for page in ("index.html", "about.html", "members.html", "offers.html", "topics/energie.html", "imprint.html"):
        doc = build.html("pl/" + page)
        assert doc.get("lang") == "pl", page
        notice = doc.cssselect(".cluster-untranslated")
        assert notice, f"no untranslated notice on pl/{page}"
        assert "nie została jeszcze przetłumaczona" in notice[0].text_content()
        # The German text is marked as German for screen readers and search engines.
        assert doc.xpath("//article//div[@lang='de']"), page
    assert "Gründungsmitglieder" in build.text("pl/members.html")
    # A news item without a Polish version says so and links to the existing versions.
    item = build.html("pl/news/2022-10-21-go-cluster-jahrestreffen.html")
    hrefs = [a.get("href") for a in item.cssselect("article a[hreflang]")]
    assert any(h.endswith("news/2022-10-21-go-cluster-jahrestreffen.html") for h in hrefs)
    # Every page links to its Polish version, and the sitemap lists the Polish alternates.
    switch = {a.get("hreflang") for a in build.html("members.html").cssselect(".cluster-languages a")}
    assert switch == {"de", "en", "pl"}
    assert 'hreflang="pl" href="https://www.cluster-dekarbonisierung.de/pl/members.html"' in (build.site / "sitemap.xml").read_text()
    assert build.html("pl/404.html").get("lang") == "pl"
    # A feed opened in the browser gives Polish dates in Polish order (babel's), not German ones.
    xsl = (build.site / "pl/feeds/feed.xsl").read_text(encoding="utf-8")
    assert "października" in xsl and "Oktober" not in xsl
    german_day = 'number($day)"/><xsl:text>. </xsl:text>'  # "21. Oktober"
    assert german_day in (build.site / "feeds/feed.xsl").read_text(encoding="utf-8") and german_day not in xsl
    # German and English pages are not affected.
    assert not build.html("en/members.html").cssselect(".cluster-untranslated")
    assert not build.html("members.html").cssselect(".cluster-untranslated")


def test_missing_translation_of_a_hand_written_page_falls_back_with_notice(project):
    (project / "docs/about.en.md").unlink()
    build = run_build(project)
    assert build.result.returncode == 0, build.output
    doc = build.html("en/about.html")
    assert doc.get("lang") == "en"
    assert "has not been translated into English yet" in doc.cssselect(".cluster-untranslated")[0].text_content()
    assert "Mission und Gründung" in build.text("en/about.html")


def test_material_interface_texts_are_materials_own_in_each_language(site):
    # The pages show Material's own interface text for each language.
    import jinja2

    material = jinja2.Environment(loader=jinja2.PackageLoader("material", "templates"))
    for prefix, code in (("", "de"), ("en/", "en")):
        texts = material.get_template(f"partials/languages/{code}.html").module
        doc = site.html(prefix + "index.html")
        assert doc.get("lang") == str(texts.t("language")) == code
        assert doc.cssselect("a.cluster-skip")[0].text_content().strip() == str(texts.t("action.skip"))
        switcher = doc.cssselect("nav.cluster-languages")
        assert switcher and switcher[0].get("aria-label") == str(texts.t("select.language")), prefix
        assert str(texts.t("action.skip")) not in ("", "action.skip")  # a real text, not the key


def test_a_language_without_material_texts_gets_english_texts_and_its_own_code():
    # Material's own partial would stop the build with TemplateNotFound (theme_language.py).
    import jinja2

    from cluster_site.theme_language import add_missing_language

    env = jinja2.Environment(loader=jinja2.PackageLoader("material", "templates"))
    assert not add_missing_language(env, "de")  # Material has German: left alone
    assert add_missing_language(env, "hsb")
    english = env.get_template("partials/languages/en.html").module
    sorbian = env.get_template("partials/languages/hsb.html").module
    assert str(sorbian.t("language")) == "hsb"
    assert str(sorbian.t("action.skip")) == str(english.t("action.skip")) != ""
