"""Background work set off by saving and publishing pages, collected during an import and
enqueued once per batch instead of once per save.

Publishing one imported article sets off, through signal handlers, about seventeen task
enqueues: Wagtail's reference index and its search index once for the page and once for every
child object saved with it (authors, topics, literature links, each re-indexing the whole
page), the site search index, the related-content recomputation and the citation rendering.
Each is a row in the task queue (the database backend) or, in development, the work itself.

While a `DeferredTasks` collector is active in this thread, the enqueues of the tasks listed
in `DEFERRABLE` are held and merged: the same task with the same arguments once, the search
index in one call for all pages, the related-content recomputation in one task for all pages
and their neighbours (`tasks.recompute_related_after_import`), the citations in one task
(`tasks.render_articles`). `flush()` enqueues them. The end state is the one the per-save
tasks reach: every task reads the database when it runs, and each reads the state after the
batch. Other tasks pass straight through. Enqueues made inside an item that fails are dropped
with the item's transaction, as the database backend's rows would be.

The content version (kennisbank.core.cache), bumped by every publish, is likewise bumped once
per flush."""

from __future__ import annotations

import threading
from contextlib import contextmanager

from django_tasks.base import Task

from kennisbank.core.cache import holding_content_version, release_held_bump

from .hooks import RunHook

_active = threading.local()
_LIBRARY_ENQUEUE = Task.enqueue
_original_enqueue = _LIBRARY_ENQUEUE  # what held and passed-through calls go to (tests record it)

# Task functions by "module.name", and how their calls are merged.
MERGE_LISTS = "merge lists"  # one call, the first argument's lists joined
SAME_ARGUMENTS_ONCE = "once"
BATCHED = "batched"  # the arguments of every call, once each, to one importer task
DEFERRABLE = {
    "wagtail.tasks.update_reference_index_task": BATCHED,
    "modelsearch.tasks.insert_or_update_object_task": BATCHED,
    "kennisbank.search.tasks.index_pages": MERGE_LISTS,
    "kennisbank.related.tasks.recompute_after_page_change": BATCHED,
    "kennisbank.literature.tasks.render_article": BATCHED,
    "kennisbank.literature.tasks.rerender_articles_by": SAME_ARGUMENTS_ONCE,
}
REFERENCE_INDEX = "wagtail.tasks.update_reference_index_task"


def _task_path(task: Task) -> str:
    return f"{task.func.__module__}.{task.func.__name__}"


def _enqueue(task: Task, *args, **kwargs):
    collector: DeferredTasks | None = getattr(_active, "collector", None)
    if collector is not None and collector.hold(task, args, kwargs):
        return None
    return _original_enqueue(task, *args, **kwargs)


class DeferredTasks:
    def __init__(self):
        self._calls: dict = {}  # key -> (task, args, kwargs), in order of first enqueue
        self._lists: dict[str, tuple[Task, list]] = {}
        self._batched: dict[str, dict] = {}  # task path -> {arguments: None}, ordered
        self._item: DeferredTasks | None = None

    def hold(self, task: Task, args: tuple, kwargs: dict) -> bool:
        target = self._item or self
        path = _task_path(task)
        kind = DEFERRABLE.get(path)
        if kind is None:
            return False
        if kind == MERGE_LISTS and len(args) == 1 and not kwargs:
            target._lists.setdefault(path, (task, []))[1].extend(args[0])
        elif kind == BATCHED and not kwargs:
            if path == REFERENCE_INDEX and _is_child_object(*args[:2]):
                # Wagtail indexes a child object (an article's author link, topic, literature
                # link) by indexing its parent; the parent's own save, held in this batch as
                # well, already covers it.
                return True
            target._batched.setdefault(path, {})[tuple(args)] = None
        else:
            # Also `recompute_after_page_change(page_id, removed=True)`: held, not merged.
            key = (path, repr(args), repr(sorted(kwargs.items())))
            target._calls.setdefault(key, (task, args, kwargs))
        return True

    @contextmanager
    def item(self):
        """Enqueues inside the block are kept only if it ends without an exception."""
        self._item = DeferredTasks()
        try:
            yield
        except BaseException:
            self._item = None
            raise
        item, self._item = self._item, None
        for key, call in item._calls.items():
            self._calls.setdefault(key, call)
        for path, (task, values) in item._lists.items():
            self._lists.setdefault(path, (task, []))[1].extend(values)
        for path, values in item._batched.items():
            self._batched.setdefault(path, {}).update(values)

    def flush(self) -> int:
        """Enqueue what was held (outside any item). Returns the number of tasks enqueued.
        Tasks that the immediate backend runs at once may enqueue more deferrable work: it is
        held again and enqueued in the next round."""
        enqueued = 0
        # Tasks run at once bump the content version too: once for all of them.
        with holding_content_version():
            while calls := self._take_calls():
                for task, args, kwargs in calls:
                    _original_enqueue(task, *args, **kwargs)
                enqueued += len(calls)
        # The batch's pages are in: cached fragments may show them from now on.
        release_held_bump()
        return enqueued

    def _take_calls(self) -> list[tuple]:
        from . import tasks

        calls = list(self._calls.values())
        for task, values in self._lists.values():
            calls.append((task, (_unique(values),), {}))
        batch_tasks = {
            "wagtail.tasks.update_reference_index_task": tasks.update_reference_index,
            "modelsearch.tasks.insert_or_update_object_task": tasks.update_search_index,
            "kennisbank.related.tasks.recompute_after_page_change": (
                tasks.recompute_related_after_import
            ),
            "kennisbank.literature.tasks.render_article": tasks.render_articles,
        }
        for path, arguments in self._batched.items():
            if path in (
                "wagtail.tasks.update_reference_index_task",
                "modelsearch.tasks.insert_or_update_object_task",
            ):
                values = [list(args) for args in arguments]
            else:
                # recompute_after_page_change(page_id, removed=False), render_article(page_id)
                removed = [args for args in arguments if args[1:] not in ((), (False,))]
                calls.extend((_task_by_path(path), args, {}) for args in removed)
                values = _unique([args[0] for args in arguments if args not in removed])
            if values:
                calls.append((batch_tasks[path], (values,), {}))
        self._calls, self._lists, self._batched = {}, {}, {}
        return calls


_hook = RunHook(Task, "enqueue", _enqueue)


@contextmanager
def deferring(collector: DeferredTasks):
    """Hold deferrable enqueues of this thread in `collector` (not flushed here). The hook on
    `Task.enqueue` is in place only while a run is active in some thread; it passes the
    calls of every other thread straight through."""
    previous = getattr(_active, "collector", None)
    _active.collector = collector
    try:
        with _hook.installed(), holding_content_version():
            yield collector
    finally:
        _active.collector = previous


def _unique(values: list) -> list:
    return list(dict.fromkeys(values))


def _is_child_object(app_label: str, model_name: str) -> bool:
    from django.apps import apps
    from modelcluster.fields import ParentalKey

    model = apps.get_model(app_label, model_name)
    return any(isinstance(field, ParentalKey) for field in model._meta.get_fields())


def _task_by_path(path: str) -> Task:
    from django.utils.module_loading import import_string

    return import_string(path)
