pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// 数据同步: sync now, in the background, and its outcome.
Column {
    id: page
    spacing: Theme.gap
    KText {
        text: qsTr("从同步来源下载并校验最新的事项目录。同步在后台进行，不影响居民使用。")
        width: page.width
        wrapMode: Text.Wrap
        size: Theme.fontSmall
        color: Theme.textMuted
    }
    KButton {
        objectName: "syncNow"
        kind: "primary"
        opacity: Technician.syncRunning ? 0.5 : 1
        text: Technician.syncRunning ? qsTr("正在同步…") : qsTr("立即同步")
        onClicked: Technician.syncNow()
    }
    KText {
        objectName: "syncMessage"
        width: page.width
        wrapMode: Text.Wrap
        text: Technician.syncMessage
    }
}
