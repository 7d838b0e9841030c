pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// Shown after long idle; the first touch only wakes the kiosk (the window's touch watcher swallows it).
Rectangle {
    id: attract


    gradient: Gradient {
        GradientStop { position: 0.0; color: Theme.highContrast ? "#000000" : "#0B4EA2" }
        GradientStop { position: 1.0; color: Theme.highContrast ? "#000000" : "#062F66" }
    }

    Column {
        anchors.centerIn: parent
        width: parent.width - 2 * Theme.margin
        spacing: Theme.gap * 2

        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 200
            height: 200
            radius: 100
            color: Theme.highContrast ? "#000000" : Theme.accent
            border.width: 8
            border.color: "#FFFFFF"
            KText {
                anchors.centerIn: parent
                text: Brand.logoChar
                color: "#FFFFFF"
                size: 110
                font.bold: true
            }
        }
        KText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: Brand.kioskTitle
            color: "#FFFFFF"
            size: 96
            font.bold: true
            wrapMode: Text.Wrap
        }
        KText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("查办事指南 · 扫码手机办 · 长辈模式大字显示")
            color: "#FFFFFF"
            opacity: 0.85
            size: Theme.fontHeading
            wrapMode: Text.Wrap
        }
        Rectangle {
            id: cta
            anchors.horizontalCenter: parent.horizontalCenter
            width: ctaText.implicitWidth + 4 * Theme.margin
            height: 140
            radius: 70
            color: "#FFFFFF"
            KText {
                id: ctaText
                anchors.centerIn: parent
                text: qsTr("轻触屏幕 开始办事")
                color: Theme.highContrast ? "#000000" : "#0B4EA2"
                size: Theme.fontTitle
                font.bold: true
            }
            SequentialAnimation on scale {
                loops: Animation.Infinite
                running: attract.visible
                NumberAnimation { from: 1.0; to: 1.06; duration: 900; easing.type: Easing.InOutQuad }
                NumberAnimation { from: 1.06; to: 1.0; duration: 900; easing.type: Easing.InOutQuad }
            }
        }
        KText {
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("Touch the screen to start")
            color: "#FFFFFF"
            opacity: 0.7
        }
    }

    KText {
        anchors.bottom: parent.bottom
        anchors.bottomMargin: Theme.margin
        anchors.horizontalCenter: parent.horizontalCenter
        text: Resident.location !== "" ? Resident.location : ""
        color: "#FFFFFF"
        opacity: 0.7
        size: Theme.fontSmall
    }
}
