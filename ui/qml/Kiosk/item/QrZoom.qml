pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The item's QR code full screen, for a phone held further away or a camera that is not sharp:
// a tap anywhere or 关闭 closes it; every way out of the session closes it too (kiosk.session).
Rectangle {
    id: zoom

    property string url: ""
    property string name: ""

    color: Theme.background
    Accessible.role: Accessible.Dialog
    Accessible.name: caption.text

    TapHandler {
        gesturePolicy: TapHandler.WithinBounds
        onTapped: Resident.enlargeQr(false)
    }

    Column {
        id: column
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.gap

        KText {
            id: title
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: zoom.name
            size: Theme.fontHeading
            font.bold: true
            wrapMode: Text.Wrap
        }
        // White backing even in high contrast: a QR code needs dark-on-light.
        Rectangle {
            id: backing
            anchors.horizontalCenter: parent.horizontalCenter
            // What the screen leaves once the texts and the button are placed, 900 px at most.
            readonly property int side: Math.min(900, column.width, zoom.height - 2 * Theme.margin
                - 3 * column.spacing - caption.implicitHeight - close.height - title.implicitHeight)
            width: side
            height: side
            color: "white"
            Image {
                objectName: "qrZoomImage"
                anchors.centerIn: parent
                // One pixel a module (ui/backends/qrimage.py), scaled by a whole number.
                source: zoom.url !== "" ? Qr.image(zoom.url) : ""
                width: implicitWidth > 0 ? Math.max(0, Math.floor(backing.side / implicitWidth)) * implicitWidth : 0
                height: width
                smooth: false
                mipmap: false
                cache: false
            }
        }
        KText {
            id: caption
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("扫码在手机上继续办理")
            font.bold: true
            wrapMode: Text.Wrap
        }
        KButton {
            id: close
            objectName: "qrZoomClose"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.max(implicitWidth, 320)
            kind: "primary"
            text: qsTr("关闭")
            onClicked: Resident.enlargeQr(false)
        }
    }
}
