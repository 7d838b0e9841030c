pragma ComponentBehavior: Bound
import QtQuick

// 还在使用吗？ with a countdown; any touch keeps the session, the timer's end goes home.
Rectangle {
    id: overlay

    property var controller

    color: Theme.scrim

    // Blocks the scene underneath; a touch anywhere means the resident is still here.
    MouseArea {
        anchors.fill: parent
        onPressed: overlay.controller.keepUsing()
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

            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("还在使用吗？")
                color: Theme.text
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontHero
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
                Text {
                    objectName: "idleCountdown"
                    anchors.centerIn: parent
                    text: overlay.controller.countdown
                    color: Theme.primary
                    font.family: Theme.fontFamily
                    font.pixelSize: 110
                    font.bold: true
                }
            }
            Text {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("为保护您的隐私，%1 秒后将清除本次查询并返回首页").arg(overlay.controller.countdown)
                color: Theme.textMuted
                font.family: Theme.fontFamily
                font.pixelSize: Theme.fontBody
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
                    onClicked: overlay.controller.keepUsing()
                }
                KButton {
                    objectName: "idleHome"
                    width: 300
                    text: qsTr("结束并返回")
                    onClicked: overlay.controller.endSession()
                }
            }
        }
    }
}
