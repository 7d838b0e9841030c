pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A small coloured label: "ok", "danger", "warn", "neutral" or "sample".
Rectangle {
    id: tag

    property string text: ""
    property string tone: "neutral"
    property int fontSize: Theme.fontTiny

    implicitWidth: label.implicitWidth + 2 * Theme.gapSmall
    implicitHeight: label.implicitHeight + 8
    radius: 8
    color: tone === "ok" ? Theme.okSoft : tone === "danger" ? Theme.dangerSoft
         : tone === "warn" || tone === "sample" ? Theme.warnSoft : Theme.primarySoft
    border.width: Theme.highContrast ? 2 : 0
    border.color: label.color

    KText {
        id: label
        anchors.centerIn: parent
        text: tag.text
        size: tag.fontSize
        font.bold: true
        color: tag.tone === "ok" ? Theme.ok : tag.tone === "danger" ? Theme.danger
             : tag.tone === "warn" || tag.tone === "sample" ? Theme.warn : Theme.primary
    }
}
