"""The cluster site generator: content -> validated models -> pages and feeds."""
