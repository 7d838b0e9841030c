pragma ComponentBehavior: Bound
import QtQuick
import Kiosk
import Kiosk.admin

// A number setting with − and + buttons (the controller keeps it inside its range).
Row {
    id: stepper

    property string key
    property string label
    property string valueText

    spacing: Theme.gap
    width: parent ? parent.width : implicitWidth

    KText {
        // 420 px, or what a narrower page (portrait) leaves beside the buttons and the value
        width: Math.max(Theme.touchSmall, Math.min(420, stepper.width - 2 * Theme.touchSmall - 160 - 3 * Theme.gap))
        anchors.verticalCenter: parent.verticalCenter
        text: stepper.label
        size: Theme.fontSmall
        wrapMode: Text.Wrap
    }
    KButton {
        objectName: "minus_" + stepper.key
        height: Theme.touchSmall
        width: Theme.touchSmall
        text: "−"
        onClicked: Technician.stepSetting(stepper.key, -1)
    }
    KText {
        objectName: "value_" + stepper.key
        width: 160
        anchors.verticalCenter: parent.verticalCenter
        horizontalAlignment: Text.AlignHCenter
        text: stepper.valueText
        font.bold: true
    }
    KButton {
        objectName: "plus_" + stepper.key
        height: Theme.touchSmall
        width: Theme.touchSmall
        text: "+"
        onClicked: Technician.stepSetting(stepper.key, 1)
    }
}
