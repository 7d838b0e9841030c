pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// A short message at the bottom of any scene (apology, print result).
Rectangle {
    id: toast

    function show(message) {
        label.text = message;
        toast.opacity = 1;
        hide.restart();
    }

    // A way out: the next person never reads the last one's message.
    function clear() {
        hide.stop();
        toast.opacity = 0;
    }

    objectName: "toast"
    visible: opacity > 0
    opacity: 0
    width: Math.min(label.implicitWidth + 4 * Theme.gap, parent.width - 2 * Theme.margin)
    height: label.implicitHeight + 2 * Theme.gap
    radius: height / 2
    color: Theme.highContrast ? "#FFFF00" : "#E6142033"
    anchors.horizontalCenter: parent.horizontalCenter
    anchors.bottom: parent.bottom
    anchors.bottomMargin: Theme.statusHeight + Theme.margin * 2

    Behavior on opacity {
        NumberAnimation { duration: 200 }
    }

    KText {
        id: label
        objectName: "toastText"
        anchors.centerIn: parent
        width: Math.min(implicitWidth, toast.parent.width - 2 * Theme.margin - 4 * Theme.gap)
        color: Theme.highContrast ? "#000000" : "#FFFFFF"
        font.bold: true
        wrapMode: Text.Wrap
        horizontalAlignment: Text.AlignHCenter
    }

    Timer {
        id: hide
        interval: 4000
        onTriggered: toast.opacity = 0
    }
}
