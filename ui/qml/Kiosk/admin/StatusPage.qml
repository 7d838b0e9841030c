pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// 运行状态: the status rows (what `kiosk doctor` checks), with a refresh button.
Column {
    id: page
    spacing: Theme.gapSmall
    Repeater {
        model: Technician.statusRows
        delegate: Row {
            id: row
            required property var modelData
            spacing: Theme.gap
            Rectangle {
                width: 18
                height: 18
                radius: 9
                anchors.verticalCenter: parent.verticalCenter
                color: row.modelData.ok ? Theme.ok : Theme.warn
            }
            KText {
                width: 220
                text: row.modelData.label
                size: Theme.fontSmall
                color: Theme.textMuted
            }
            KText {
                objectName: "status_" + row.modelData.label
                width: page.width - 220 - 18 - 2 * Theme.gap
                text: row.modelData.value
                wrapMode: Text.Wrap
                size: Theme.fontSmall
            }
        }
    }
    KButton {
        objectName: "refreshStatus"
        text: qsTr("刷新")
        onClicked: Technician.refreshStatus()
    }
}
