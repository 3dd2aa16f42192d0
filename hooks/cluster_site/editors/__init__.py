"""Commands for editors: `cluster-site check`, `new`, `translations`, `links`, `schema`."""
