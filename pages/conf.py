"""One way to read an app's settings: a prefixed name in Django settings, else its default.

Each app keeps its defaults in its own conf.py and reads them through a reader made here.
Values are memoised (page- and response-cache hits read several per request, and a missing
setting costs Django an exception each time) and forgotten whenever a setting changes
(`setting_changed`), so `override_settings` works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.signals import setting_changed

_readers: list[dict[str, Any]] = []


def settings_reader(defaults: dict[str, Any]) -> Callable[[str], Any]:
    """A function name -> value for the settings named in `defaults` (KeyError otherwise)."""
    resolved: dict[str, Any] = {}
    _readers.append(resolved)

    def read(name: str) -> Any:
        try:
            return resolved[name]
        except KeyError:
            value = resolved[name] = getattr(settings, name, defaults[name])
            return value

    return read


def _forget(setting: str, **kwargs: Any) -> None:
    for resolved in _readers:
        resolved.pop(setting, None)


setting_changed.connect(_forget, dispatch_uid="pages.conf:forget")
