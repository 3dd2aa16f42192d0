{#- A browser opening an RSS or Atom feed shows this page instead of raw XML: what a feed is, how to
    subscribe, and the items. Feed readers ignore it. One per language (feeds/feed.xsl), rendered
    by the build; links are from the site's root, since a feed's own folder differs (feeds/,
    feeds/tags/). Rendered by XSLT 1.0, which every browser that still has XSLT runs. -#}
<?xml version="1.0" encoding="utf-8"?>
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:atom="http://www.w3.org/2005/Atom">
  <xsl:output method="html" encoding="utf-8" indent="yes" doctype-system="about:legacy-compat"/>

  <xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>

  <xsl:template match="/">
    <html lang="{{ lang }}">
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="robots" content="noindex"/>
        <title><xsl:value-of select="$title"/></title>
        <link rel="icon" href="{{ root }}{{ favicon }}"/>
        <link rel="stylesheet" href="{{ root }}{{ brand_css }}"/>
        <link rel="stylesheet" href="{{ root }}assets/feed.css"/>
      </head>
      <body>
        <a class="feed-skip" href="#main">{{ t.t("feed.page_skip") }}</a>
        <header class="feed-header"><a href="{{ root }}{{ home }}">{{ site_name }}</a></header>
        <main id="main" class="feed-main">
          <h1><xsl:value-of select="$title"/></h1>
          <section class="feed-notice" aria-labelledby="feed-notice">
            <h2 id="feed-notice">{{ t.t("feed.page_notice_title") }}</h2>
            <p>{{ t.t("feed.page_notice") }}</p>
            <p><a href="{{ root }}{{ subscribe }}">{{ t.t("feed.page_how") }}</a></p>
          </section>
          <h2 id="feed-items">{{ t.t("feed.page_items") }}</h2>
          <xsl:choose>
            <xsl:when test="/rss/channel/item | /atom:feed/atom:entry">
              <ol class="feed-items" aria-labelledby="feed-items">
                <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
              </ol>
            </xsl:when>
            <xsl:otherwise><p>{{ t.t("feed.page_empty") }}</p></xsl:otherwise>
          </xsl:choose>
        </main>
      </body>
    </html>
  </xsl:template>

  <xsl:template match="item">
    <li>
      <h3><a href="{link}"><xsl:value-of select="title"/></a></h3>
      <xsl:if test="pubDate">
        {#- RFC 822: "Fri, 21 Oct 2022 12:00:00 +0200" -#}
        <xsl:call-template name="date">
          <xsl:with-param name="day" select="substring(pubDate, 6, 2)"/>
          <xsl:with-param name="month" select="string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring(pubDate, 9, 3))) div 3 + 1"/>
          <xsl:with-param name="year" select="substring(pubDate, 13, 4)"/>
        </xsl:call-template>
      </xsl:if>
      <p><xsl:value-of select="description"/></p>
    </li>
  </xsl:template>

  <xsl:template match="atom:entry">
    <li>
      <h3><a href="{atom:link[not(@rel) or @rel='alternate']/@href}"><xsl:value-of select="atom:title"/></a></h3>
      <xsl:if test="atom:published">
        {#- RFC 3339: "2022-10-21T12:00:00+02:00" -#}
        <xsl:call-template name="date">
          <xsl:with-param name="day" select="substring(atom:published, 9, 2)"/>
          <xsl:with-param name="month" select="number(substring(atom:published, 6, 2))"/>
          <xsl:with-param name="year" select="substring(atom:published, 1, 4)"/>
        </xsl:call-template>
      </xsl:if>
      <p><xsl:value-of select="atom:summary"/></p>
    </li>
  </xsl:template>

  {#- A date as this language writes it (feed.date in the interface texts). -#}
  <xsl:template name="date">
    <xsl:param name="day"/>
    <xsl:param name="month"/>
    <xsl:param name="year"/>
    <p class="feed-date">
      {%- for part in date_parts -%}
        {%- if part == "{day}" %}<xsl:value-of select="number($day)"/>
        {%- elif part == "{month}" %}<xsl:choose>{% for number, name in months %}<xsl:when test="$month = {{ number }}">{{ name }}</xsl:when>{% endfor %}</xsl:choose>
        {%- elif part == "{year}" %}<xsl:value-of select="$year"/>
        {%- else %}<xsl:text>{{ part }}</xsl:text>{% endif -%}
      {%- endfor -%}
    </p>
  </xsl:template>
</xsl:stylesheet>
