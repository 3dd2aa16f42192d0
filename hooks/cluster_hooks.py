"""This site's MkDocs hooks (mkdocs.yml `hooks:`): the generator's, from the cluster-site package.

Every event is in `cluster_site.mkdocs_hooks`; a site that needs a step of its own defines that
event here and calls the generator's from it.
"""

from cluster_site.mkdocs_hooks import *  # noqa: F401,F403
