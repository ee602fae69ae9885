"""What gunicorn's master loads before it forks the workers (kennisbank/gunicorn_conf.py).

With `preload_app` the master imports the application, but Django loads the URLconf, the
template tag libraries and the search engine only on a first request, so every worker would
import them again into memory of its own: the admin's and the API's views alone are hundreds
of modules, numpy and the search engine another 15-20 MB. Loaded here once, before the fork,
these pages are shared by all workers (copy-on-write, kept clean by gc.freeze()). Nothing here
touches the database, so no connection is shared with the workers."""

from importlib import import_module


def preload() -> None:
    from django.template.backends.django import get_installed_libraries
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 - imports every URL module and view
    for module in get_installed_libraries().values():
        import_module(module)
    # The search engine with numpy; the SymSpell dictionary and the per-index arrays are
    # built later, per worker, because they follow the index.
    import_module("kennisbank.search.engine.database")
