pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// One item in a list: name, department, whether it can be finished here.
Rectangle {
    id: row

    required property int index
    required property string name
    required property string code
    required property string department
    required property string distinguish  // what tells it from items of the same name, or ""
    required property string status
    required property bool terminal
    // the name with what matched the search in <u>…</u> (escaped by the model); "" elsewhere
    required property string marked
    required property bool closest
    property bool numbered: false
    signal activated(string code)

    objectName: "itemRow_" + code
    implicitHeight: Math.max(Theme.touch + 24, content.implicitHeight + 2 * Theme.gap)
    color: tap.pressed ? Theme.pressed : Theme.surface
    radius: Theme.radiusSmall
    border.width: Theme.borderWidth / 2
    border.color: Theme.border
    Accessible.role: Accessible.Button
    Accessible.name: row.name

    Rectangle {
        id: badge
        visible: row.numbered
        width: Theme.fontHeading * 1.5
        height: width
        radius: width / 2
        color: row.index < 3 ? Theme.accent : Theme.primarySoft
        anchors.left: parent.left
        anchors.leftMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        KText {
            anchors.centerIn: parent
            text: row.index + 1
            color: row.index < 3 ? Theme.textOnPrimary : Theme.primary
            size: Theme.fontSmall
            font.bold: true
        }
    }

    Column {
        id: content
        anchors.left: badge.visible ? badge.right : parent.left
        anchors.leftMargin: Theme.gap
        anchors.right: arrow.left
        anchors.rightMargin: Theme.gapSmall
        anchors.verticalCenter: parent.verticalCenter
        spacing: 6
        KText {
            width: parent.width
            // matched characters: underlined and in the accent colour (not colour alone)
            text: row.marked === "" ? row.name
                : row.marked.replace(/<u>/g, "<u><font color=\"" + Theme.accent + "\">")
                            .replace(/<\/u>/g, "</font></u>")
            textFormat: row.marked === "" ? Text.PlainText : Text.StyledText
            color: row.status === "valid" ? Theme.text : Theme.textMuted
            font.bold: true
            wrapMode: Text.Wrap
            maximumLineCount: 2
            elide: Text.ElideRight
        }
        // The tags go onto the next line when the department's name leaves no room (elder mode).
        Flow {
            spacing: Theme.gapSmall
            width: parent.width
            KText {
                text: row.distinguish !== "" && row.distinguish !== row.department
                      ? row.department + " · " + row.distinguish : row.department
                color: Theme.textMuted
                size: Theme.fontSmall
                wrapMode: Text.Wrap
                width: Math.min(implicitWidth, parent.width)
            }
            Tag {
                visible: row.closest
                text: qsTr("相近事项")
                tone: "neutral"
            }
            Tag {
                id: tag
                text: row.status === "suspended" ? qsTr("暂停办理")
                    : row.status === "cancelled" ? qsTr("已取消")
                    : row.terminal ? qsTr("本机可办") : qsTr("查看指南")
                tone: row.status !== "valid" ? "danger" : row.terminal ? "ok" : "neutral"
            }
        }
    }

    KText {
        id: arrow
        anchors.right: parent.right
        anchors.rightMargin: Theme.gap
        anchors.verticalCenter: parent.verticalCenter
        text: "›"
        color: Theme.primary
        size: Theme.fontTitle
    }

    TapHandler {
        id: tap
        gesturePolicy: TapHandler.WithinBounds
        onTapped: row.activated(row.code)
    }
}
