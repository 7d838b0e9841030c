"""Switching the language again and again leaves one translator, not one per switch.

Each switch installs a QTranslator parented to the application (ui/app.py). Removed but not
deleted, every one lived on with its .qm data: 320 of them after 480 switches, and RSS grew
~1.5 MB per 90 switches once the first ones had filled Qt's caches (0.1-0.3 MB now).
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QTranslator
from PySide6.QtGui import QGuiApplication

from ui.app import Ui

pytestmark = pytest.mark.qt


def test_language_switches_leave_one_translator(ui: Ui) -> None:
    app = QGuiApplication.instance()
    assert app is not None
    before = len(app.findChildren(QTranslator))
    for i in range(60):
        ui.controller.setLanguage(["zh-Hant", "en", "zh-Hans"][i % 3])
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    ui.controller.setLanguage("en")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    translators = app.findChildren(QTranslator)
    assert len(translators) == before + 1 and ui.translator in translators
    assert QCoreApplication.translate("SceneHeader", "首页") == "Home"  # the one left is in use
