pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// For a guide the list gives no detail of (only name, department and link): a designed card that
// says what the kiosk knows and sends the resident on: to the QR code, or to a service window.
Rectangle {
    id: note

    property string department: ""
    property string code: ""
    property bool hasUrl: false
    // where the QR code is, as the text says it: "right" (landscape) or "left" (portrait, beside it)
    property string qrSide: "right"

    objectName: "guideNote"
    implicitHeight: column.implicitHeight + 2 * Theme.gap * 1.5
    radius: Theme.radius
    color: Theme.primarySoft
    border.width: Theme.borderWidth / 2
    border.color: Theme.border

    Column {
        id: column
        x: Theme.gap * 1.5
        y: Theme.gap * 1.5
        width: note.width - 2 * Theme.gap * 1.5
        spacing: Theme.gap

        KText {
            objectName: "guideNoteTitle"
            width: parent.width
            text: note.hasUrl ? qsTr("详细办事指南请扫码在手机上查看")
                              : qsTr("详细办事指南请咨询窗口工作人员")
            size: Theme.fontHeading
            font.bold: true
            color: Theme.primary
            wrapMode: Text.Wrap
        }
        KText {
            width: parent.width
            text: note.hasUrl
                ? (note.qrSide === "left" ? qsTr("本机目录只有这个事项的基本信息。用手机扫左侧二维码，可以查看办理条件、申请材料和办理流程，并在手机上继续办理。")
                                          : qsTr("本机目录只有这个事项的基本信息。用手机扫右侧二维码，可以查看办理条件、申请材料和办理流程，并在手机上继续办理。"))
                : qsTr("本机目录只有这个事项的基本信息，办理条件和申请材料请到办事窗口咨询。")
            wrapMode: Text.Wrap
            lineHeight: 1.25
        }
        Fact {
            width: parent.width
            label: qsTr("实施部门")
            value: note.department
        }
        Fact {
            width: parent.width
            label: qsTr("事项编码")
            value: note.code
        }
    }
}
