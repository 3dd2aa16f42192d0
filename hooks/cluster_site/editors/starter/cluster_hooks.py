"""This site's MkDocs hooks (mkdocs.yml `hooks:`): the generator's, from the cluster-site package.

A step of this site's own goes here: define the event and call the generator's from it.
"""

from cluster_site.mkdocs_hooks import *  # noqa: F401,F403
