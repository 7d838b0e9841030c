pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Network state, data version and date, sample badge, kiosk ID and location.
Rectangle {
    id: bar


    // Two lines when the kiosk's name does not fit beside the status (portrait, English).
    readonly property bool stacked: leftRow.width + identity.implicitWidth + 3 * Theme.margin > width
    implicitHeight: stacked ? leftRow.height + identity.implicitHeight + 2 * Theme.gapSmall + 4 : Theme.statusHeight
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
        y: bar.stacked ? Theme.gapSmall : (bar.height - height) / 2
        spacing: Theme.gap

        Row {
            spacing: 10
            anchors.verticalCenter: parent.verticalCenter
            Rectangle {
                width: 16
                height: 16
                radius: 8
                color: Resident.online ? Theme.ok : Theme.warn
                anchors.verticalCenter: parent.verticalCenter
            }
            KText {
                objectName: "networkState"
                text: Resident.online ? qsTr("在线") : qsTr("离线")
                size: Theme.fontTiny
                anchors.verticalCenter: parent.verticalCenter
            }
        }
        KText {
            objectName: "dataVersion"
            text: qsTr("数据版本 %1 · %2").arg(Resident.dataVersion).arg(Resident.dataDate)
            color: Theme.textMuted
            size: Theme.fontTiny
            anchors.verticalCenter: parent.verticalCenter
        }
        Tag {
            objectName: "sampleBadge"
            visible: Resident.sample
            text: qsTr("示例数据")
            tone: "sample"
            anchors.verticalCenter: parent.verticalCenter
        }
    }

    KText {
        id: identity
        objectName: "kioskIdentity"
        width: Math.min(implicitWidth, bar.stacked ? parent.width - 2 * Theme.margin
                                                   : parent.width - leftRow.width - 3 * Theme.margin)
        horizontalAlignment: Text.AlignRight
        elide: Text.ElideRight
        x: bar.stacked ? Theme.margin : parent.width - width - Theme.margin
        y: bar.stacked ? leftRow.y + leftRow.height + 4 : (bar.height - height) / 2
        text: Resident.location !== ""
              ? qsTr("终端 %1 · %2").arg(Resident.kioskId).arg(Resident.location)
              : qsTr("终端 %1").arg(Resident.kioskId)
        color: Theme.textMuted
        size: Theme.fontTiny
    }
}
