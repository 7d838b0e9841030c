pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// 帮助 / 呼叫工作人员: where the hall's staff are, as a technician configured it.
// Never a made-up place or number: without configuration it only says to ask the staff.
Rectangle {
    id: overlay

    color: Theme.scrim

    // Blocks the scene underneath; a tap outside the card closes it.
    MouseArea {
        anchors.fill: parent
        onClicked: HelpDesk.close()
    }

    Rectangle {
        objectName: "helpCard"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 1000)
        height: column.implicitHeight + 3 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: Theme.border

        MouseArea {  // a tap on the card is not a tap outside it
            anchors.fill: parent
        }

        Column {
            id: column
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            spacing: Theme.gap * 1.5

            KText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("需要帮助？")
                size: Theme.fontHero
                font.bold: true
                wrapMode: Text.Wrap
            }
            KText {
                objectName: "helpGeneric"
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: HelpDesk.configured ? qsTr("请到以下地点找工作人员，或拨打电话：")
                                          : qsTr("请向大厅工作人员求助")
                size: Theme.fontHeading
                wrapMode: Text.Wrap
            }
            Fact {
                objectName: "helpLocation"
                width: parent.width
                label: qsTr("服务台")
                value: HelpDesk.location
            }
            Fact {
                objectName: "helpPhone"
                width: parent.width
                label: qsTr("服务电话")
                value: HelpDesk.phone
            }
            Fact {
                objectName: "helpKiosk"
                width: parent.width
                label: qsTr("本机位置")
                value: HelpDesk.kioskLocation
            }
            KButton {
                objectName: "helpClose"
                anchors.horizontalCenter: parent.horizontalCenter
                width: Math.min(parent.width, 480)
                kind: "primary"
                text: qsTr("关闭")
                onClicked: HelpDesk.close()
            }
        }
    }
}
