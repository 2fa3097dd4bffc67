"""Working on a weak link: the installable portal (manifest, service worker) and requests sent exactly once."""
