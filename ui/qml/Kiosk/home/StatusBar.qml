pragma ComponentBehavior: Bound
import QtQuick

// Network state, data version and date, sample badge, kiosk ID and location.
Rectangle {
    id: bar

    property var controller

    implicitHeight: Theme.statusHeight
    color: Theme.surface
    border.width: Theme.highContrast ? 2 : 0
    border.color: Theme.border

    Rectangle {
        anchors.top: parent.top
        width: parent.width
        height: 1
        color: Theme.border
    }

    Row {
        id: leftRow
        anchors.left: parent.left
        anchors.leftMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        spacing: Theme.gap

        Row {
            spacing: 10
            anchors.verticalCenter: parent.verticalCenter
            Rectangle {
                width: 16
                height: 16
                radius: 8
                color: bar.controller.online ? Theme.ok : Theme.warn
                anchors.verticalCenter: parent.verticalCenter
            }
            Text {
                objectName: "networkState"
                text: bar.controller.online ? qsTr("在线") : qsTr("离线")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontTiny
                anchors.verticalCenter: parent.verticalCenter
            }
        }
        Text {
            objectName: "dataVersion"
            text: qsTr("数据版本 %1 · %2").arg(bar.controller.dataVersion).arg(bar.controller.dataDate)
            color: Theme.textMuted
            font.family: Theme.fontFamily
            font.pixelSize: Theme.fontTiny
            anchors.verticalCenter: parent.verticalCenter
        }
        Tag {
            objectName: "sampleBadge"
            visible: bar.controller.sample
            text: qsTr("示例数据")
            tone: "sample"
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    Text {
        objectName: "kioskIdentity"
        width: Math.min(implicitWidth, parent.width - leftRow.width - 3 * Theme.margin)
        horizontalAlignment: Text.AlignRight
        elide: Text.ElideRight
        anchors.right: parent.right
        anchors.rightMargin: Theme.margin
        anchors.verticalCenter: parent.verticalCenter
        text: bar.controller.location !== ""
              ? qsTr("终端 %1 · %2").arg(bar.controller.kioskId).arg(bar.controller.location)
              : qsTr("终端 %1").arg(bar.controller.kioskId)
        color: Theme.textMuted
        font.family: Theme.fontFamily
        font.pixelSize: Theme.fontTiny
    }
}
