"""The cluster site generator: content -> validated models -> pages and feeds."""

# The logger of every message of ours during a build: beside MkDocs' plugins' (`mkdocs.plugins.*`),
# so MkDocs shows them, `--strict` counts their warnings, and ProperDocs, which places MkDocs'
# loggers under its own, does the same.
LOGGER = "mkdocs.plugins.cluster_site"
