pragma ComponentBehavior: Bound
import QtQuick

// The kiosk window: one scene at a time, plus the idle, attract, toast and technician layers.
Window {
    id: root

    required property var controller
    required property string fontFamily
    required property bool windowed
    // admin/AdminScene.qml when the technician screen is installed, else "".
    required property string adminSource

    // The list scene (search or browse) an open item was reached from: kept loaded underneath.
    property string listScreen: ""

    flags: windowed ? Qt.Window : (Qt.Window | Qt.FramelessWindowHint)
    color: Theme.background
    title: qsTr("政务服务自助终端")

    Binding { target: Theme; property: "elder"; value: root.controller.elderMode }
    Binding { target: Theme; property: "highContrast"; value: root.controller.highContrast }
    Binding { target: Theme; property: "fontScale"; value: root.controller.fontScale }
    Binding { target: Theme; property: "portrait"; value: root.height > root.width }
    Binding { target: Theme; property: "fontFamily"; value: root.fontFamily }

    Item {
        id: scenes
        anchors.fill: parent

        HomeScene {
            objectName: "homeScene"
            anchors.fill: parent
            visible: root.controller.screen === "home"
            controller: root.controller
        }
        // Search and browse stay loaded once opened (keeps their scroll position);
        // the item guide is rebuilt for each item.
        Loader {
            objectName: "searchLoader"
            anchors.fill: parent
            active: root.controller.screen === "search" || (root.controller.screen === "item" && root.listScreen === "search")
            visible: root.controller.screen === "search"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("SearchScene.qml", { objectName: "searchScene", controller: root.controller })
        }
        Loader {
            objectName: "browseLoader"
            anchors.fill: parent
            active: root.controller.screen === "browse" || (root.controller.screen === "item" && root.listScreen === "browse")
            visible: root.controller.screen === "browse"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("BrowseScene.qml", { objectName: "browseScene", controller: root.controller })
        }
        Loader {
            objectName: "itemLoader"
            anchors.fill: parent
            active: root.controller.screen === "item"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("ItemScene.qml", { objectName: "itemScene", controller: root.controller })
        }
        Loader {
            anchors.fill: parent
            active: root.controller.screen === "outofservice"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("OutOfService.qml", { objectName: "outOfService", controller: root.controller })
        }
    }

    Loader {
        anchors.fill: parent
        active: root.controller.countdown > 0
        // Compiled on first use, not at start-up.
        Component.onCompleted: setSource("IdleOverlay.qml", { objectName: "idleOverlay", controller: root.controller })
    }

    Loader {
        objectName: "attractLoader"
        anchors.fill: parent
        active: root.controller.attract
        // Compiled on first use, not at start-up.
        Component.onCompleted: setSource("AttractScreen.qml", { objectName: "attractScreen", controller: root.controller })
    }

    Toast {
        id: toast
    }

    Loader {
        id: admin
        objectName: "adminLoader"
        anchors.fill: parent
        active: false
        source: active ? root.adminSource : ""
        onLoaded: root.watchAdmin(item)
    }

    // The technician scene's root Item has `signal closed()`. Going home afterwards
    // applies what the technician changed (idle times, display, a new catalogue) at once.
    function watchAdmin(scene) {
        scene.closed.connect(() => {
            admin.active = false;
            root.controller.goHome();
        });
    }

    Connections {
        target: root.controller
        function onScreen_changed() {
            const screen = root.controller.screen;
            if (screen !== "item")
                root.listScreen = screen;
        }
        function onToast_requested(message) {
            toast.show(message);
        }
        function onAdmin_requested() {
            if (root.adminSource !== "")
                admin.active = true;
        }
    }
}
