"""The site model built by MkDocs: what each event of a build does with it (the MkDocs adapter).

mkdocs_hooks.py (which a site's hooks/cluster_hooks.py imports) hands each MkDocs event to one function here. The way of the data:
content files -> validated models -> one site model (site_model.py, engine-free) -> `SiteBuild`
(site_build.py: one build, every language) -> each language's files (generated_files.py) ->
each page's template context (page_context.py) -> what is written after the pages
(site_outputs.py). `Command` (command.py) is one MkDocs command and holds the build under way;
i18n_plugin.py is the one place that reads mkdocs-static-i18n; plain.py is where the speed
layer (speed/) plugs in. What imports MkDocs: this folder (but i18n_plugin.py, which the
`cluster-site` command uses too), speed/, editors/editing_page.py (the editing page's files) and
the hooks; the core (content/, site_model.py, outputs/) imports no engine.
"""
