pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings

// Qt Virtual Keyboard inside the search scene (never a separate window):
// 简体中文 pinyin first, English second.
Item {
    id: panel

    implicitHeight: input.height

    InputPanel {
        id: input
        objectName: "virtualKeyboard"
        width: panel.width
        anchors.top: parent.top
    }

    Component.onCompleted: {
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"];
        VirtualKeyboardSettings.locale = "zh_CN";
    }
}
