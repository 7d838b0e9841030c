pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A thin scroll position bar beside a flickable (a sibling of it), showing it can be flicked.
Rectangle {
    id: hint

    property Flickable flickable

    visible: flickable.contentHeight > flickable.height + 1
    x: flickable.x + flickable.width + 4
    y: flickable.y + flickable.visibleArea.yPosition * flickable.height
    width: 6
    height: Math.max(40, flickable.visibleArea.heightRatio * flickable.height)
    radius: 3
    color: Theme.textMuted
    opacity: flickable.moving ? 0.8 : 0.35
}
