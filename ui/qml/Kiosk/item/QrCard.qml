pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The item's online address as a large QR code with its caption, or why there is none.
Rectangle {
    id: card

    property string url: ""
    property string statusText: ""
    property int codeSize: 360
    // A tap on a card with a code: the scene shows it full screen (QrZoom).
    signal tapped()
    // The card's height without the code: its margins and captions (for a caller sizing the code).
    readonly property real chrome: 2 * Theme.gap + (card.url !== ""
        ? caption.implicitHeight + hint.implicitHeight + address.implicitHeight + 3 * column.spacing
        : reason.implicitHeight)

    implicitWidth: codeSize + 2 * Theme.gap
    implicitHeight: column.implicitHeight + 2 * Theme.gap
    radius: Theme.radius
    color: Theme.surface
    border.width: Theme.borderWidth
    border.color: Theme.border
    Accessible.role: card.url !== "" ? Accessible.Button : Accessible.StaticText
    Accessible.name: card.url !== "" ? qsTr("放大二维码") : reason.text

    TapHandler {
        enabled: card.url !== ""
        gesturePolicy: TapHandler.WithinBounds
        onTapped: card.tapped()
    }

    Column {
        id: column
        anchors.centerIn: parent
        width: card.width - 2 * Theme.gap
        spacing: Theme.gapSmall

        // White backing even in high contrast: a QR code needs dark-on-light.
        Rectangle {
            visible: card.url !== ""
            width: card.codeSize
            height: card.codeSize
            anchors.horizontalCenter: parent.horizontalCenter
            color: "white"
            Image {
                id: code
                objectName: "qrImage"
                anchors.centerIn: parent
                // One pixel a module (ui/backends/qrimage.py), scaled by a whole number.
                source: card.url !== "" ? Qr.image(card.url) : ""
                width: implicitWidth > 0 ? Math.floor(card.codeSize / implicitWidth) * implicitWidth : 0
                height: width
                smooth: false
                mipmap: false
                cache: false
            }
        }
        KText {
            id: caption
            visible: card.url !== ""
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("扫码在手机上继续办理")
            font.bold: true
            wrapMode: Text.Wrap
        }
        KText {
            id: hint
            visible: card.url !== ""
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            objectName: "scanHint"
            text: Brand.scanHint  // brand.scan_apps: 用微信或粤省事扫一扫 by default
            color: Theme.textMuted
            size: Theme.fontSmall
            wrapMode: Text.Wrap
        }
        // Host and path start (the code holds the whole address): wraps, never cut mid-line.
        KText {
            id: address
            objectName: "qrAddress"
            visible: card.url !== ""
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: card.url !== "" ? Brand.shortUrl(card.url) : ""
            color: Theme.textMuted
            size: Theme.fontTiny
            wrapMode: Text.WrapAnywhere
        }
        KText {
            id: reason
            objectName: "noQrReason"
            visible: card.url === ""
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: card.statusText !== "" ? card.statusText : qsTr("该事项暂无网上办理地址，请到窗口办理")
            color: card.statusText !== "" ? Theme.danger : Theme.textMuted
            font.bold: card.statusText !== ""
            wrapMode: Text.Wrap
        }
    }
}
