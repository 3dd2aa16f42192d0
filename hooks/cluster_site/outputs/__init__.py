"""What the site model becomes besides HTML pages: feeds and calendars, sitemap, structured data, search index, markup repairs."""
