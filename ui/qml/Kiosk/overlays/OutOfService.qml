pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// No catalogue can be opened: a calm notice with the kiosk ID, never a traceback.
Rectangle {
    id: scene


    color: Theme.background

    // The notice in 简体, 繁體 or English, as on every screen, and help: at the top, so the
    // notice below keeps the rest of the screen at any text size.
    Row {
        id: topRow
        anchors.top: parent.top
        anchors.right: parent.right
        anchors.margins: Theme.margin
        spacing: Theme.gap
        HelpButton {}
        LanguageSwitch {}
    }

    Column {
        id: notice
        // the room under the top row; the mark shrinks (down to 96 px) before the text would leave it
        readonly property real room: scene.height - topRow.y - topRow.height - Theme.gap - Theme.margin
        readonly property real textHeight: title.height + message.height + english.height + idBox.height
        readonly property real rest: textHeight + 4 * spacing
        anchors.horizontalCenter: parent.horizontalCenter
        y: Math.max(topRow.y + topRow.height + Theme.gap, (scene.height - height) / 2)
        width: Math.min(parent.width - 2 * Theme.margin, 1200)
        // closer together when the text is large (English in elder mode)
        spacing: Math.max(Theme.gapSmall, Math.min(Theme.gap * 2, (room - textHeight - 96) / 4))

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.max(96, Math.min(180, notice.room - notice.rest))
            height: width
            radius: width / 2
            color: Theme.warnSoft
            border.width: 8
            border.color: Theme.warn
            KText {
                anchors.centerIn: parent
                text: "!"
                color: Theme.warn
                size: Math.round(parent.width * 0.6)
                font.bold: true
            }
        }
        KText {
            id: title
            objectName: "outOfServiceTitle"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("本终端暂停服务")
            size: Theme.fontHero * 1.2
            font.bold: true
            wrapMode: Text.Wrap
        }
        KText {
            id: message
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("事项目录正在维护，请到人工服务窗口办理，或稍后再试。给您带来不便，敬请谅解。")
            color: Theme.textMuted
            size: Theme.fontHeading
            wrapMode: Text.Wrap
            lineHeight: 1.3
        }
        KText {
            id: english
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Out of service. Please visit a service counter.")
            color: Theme.textMuted
        }
        Rectangle {
            id: idBox
            anchors.horizontalCenter: parent.horizontalCenter
            width: idText.implicitWidth + 3 * Theme.gap
            height: idText.implicitHeight + 2 * Theme.gap
            radius: Theme.radiusSmall
            color: Theme.surface
            border.width: Theme.borderWidth
            border.color: Theme.border
            KText {
                id: idText
                objectName: "outOfServiceKioskId"
                anchors.centerIn: parent
                text: Resident.location !== ""
                      ? qsTr("终端编号 %1 · %2").arg(Resident.kioskId).arg(Resident.location)
                      : qsTr("终端编号 %1").arg(Resident.kioskId)
                font.bold: true
            }
        }
    }
}
