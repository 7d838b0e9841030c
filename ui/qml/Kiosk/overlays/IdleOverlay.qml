pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// 还在使用吗？ with a countdown; any touch keeps the session, the timer's end goes home.
Rectangle {
    id: overlay


    color: Theme.scrim

    // Blocks the scene underneath; a touch anywhere means the resident is still here.
    MouseArea {
        anchors.fill: parent
        Accessible.role: Accessible.Dialog
        Accessible.name: qsTr("还在使用吗？")
        onPressed: Resident.keepUsing()
    }

    Rectangle {
        objectName: "idlePrompt"
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, 900)
        height: column.implicitHeight + 3 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        border.width: Theme.borderWidth
        border.color: Theme.border

        Column {
            id: column
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            spacing: Theme.gap * 1.5

            KText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("还在使用吗？")
                size: Theme.fontHero
                font.bold: true
            }
            Rectangle {
                anchors.horizontalCenter: parent.horizontalCenter
                width: 200
                height: 200
                radius: 100
                color: Theme.primarySoft
                border.width: 8
                border.color: Theme.primary
                KText {
                    objectName: "idleCountdown"
                    anchors.centerIn: parent
                    text: Resident.countdown
                    color: Theme.primary
                    size: 110
                    font.bold: true
                }
            }
            KText {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("为保护您的隐私，%1 秒后将清除本次查询并返回首页").arg(Resident.countdown)
                color: Theme.textMuted
                wrapMode: Text.Wrap
            }
            Row {
                anchors.horizontalCenter: parent.horizontalCenter
                spacing: Theme.gap
                KButton {
                    objectName: "idleContinue"
                    kind: "primary"
                    width: 360
                    text: qsTr("继续使用")
                    fontSize: Theme.fontHeading
                    onClicked: Resident.keepUsing()
                }
                KButton {
                    objectName: "idleHome"
                    width: 300
                    text: qsTr("结束并返回")
                    onClicked: Resident.endSession()
                }
            }
        }
    }
}
