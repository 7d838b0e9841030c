pragma ComponentBehavior: Bound
import QtQuick
import Kiosk

// The kiosk window: one scene at a time, plus the idle, attract, toast and technician layers.
Window {
    id: root

    required property string fontFamily
    required property bool windowed
    // Set by ui.app just before Resident's admin_requested: false when the technician
    // screen's backend (ui/backends/admin.py) failed to load (logged, and shown by `kiosk doctor`).
    property bool adminReady: false

    // The list scene (search or browse) an open item was reached from: kept loaded underneath.
    property string listScreen: ""

    flags: windowed ? Qt.Window : (Qt.Window | Qt.FramelessWindowHint)
    color: Theme.background
    title: qsTr("政务服务自助终端")

    Binding { target: Theme; property: "elder"; value: Resident.elderMode }
    Binding { target: Theme; property: "highContrast"; value: Resident.highContrast }
    Binding { target: Theme; property: "fontScale"; value: Resident.fontScale }
    Binding { target: Theme; property: "portrait"; value: root.height > root.width }
    Binding { target: Theme; property: "fontFamily"; value: root.fontFamily }

    Item {
        id: scenes
        anchors.fill: parent

        HomeScene {
            objectName: "homeScene"
            anchors.fill: parent
            visible: Resident.screen === "home"
        }
        // Search and browse stay loaded once opened (keeps their scroll position);
        // the item guide is rebuilt for each item.
        Loader {
            objectName: "searchLoader"
            anchors.fill: parent
            active: Resident.screen === "search" || (Resident.screen === "item" && root.listScreen === "search")
            visible: Resident.screen === "search"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("search/SearchScene.qml", { objectName: "searchScene" })
        }
        Loader {
            objectName: "browseLoader"
            anchors.fill: parent
            active: Resident.screen === "browse" || (Resident.screen === "item" && root.listScreen === "browse")
            visible: Resident.screen === "browse"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("browse/BrowseScene.qml", { objectName: "browseScene" })
        }
        Loader {
            objectName: "itemLoader"
            anchors.fill: parent
            active: Resident.screen === "item"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("item/ItemScene.qml", { objectName: "itemScene" })
        }
        Loader {
            anchors.fill: parent
            active: Resident.screen === "outofservice"
            // Compiled on first use, not at start-up.
            Component.onCompleted: setSource("overlays/OutOfService.qml", { objectName: "outOfService" })
        }
    }

    Loader {
        objectName: "helpLoader"
        anchors.fill: parent
        active: HelpDesk.open
        // Compiled on first use, not at start-up.
        Component.onCompleted: setSource("overlays/HelpOverlay.qml", { objectName: "helpOverlay" })
    }

    Loader {
        anchors.fill: parent
        active: Resident.countdown > 0
        // Compiled on first use, not at start-up.
        Component.onCompleted: setSource("overlays/IdleOverlay.qml", { objectName: "idleOverlay" })
    }

    Loader {
        objectName: "attractLoader"
        anchors.fill: parent
        active: Resident.attract
        // Compiled on first use, not at start-up.
        Component.onCompleted: setSource("overlays/AttractScreen.qml", { objectName: "attractScreen" })
    }

    Toast {
        id: toast
    }

    Loader {
        id: admin
        objectName: "adminLoader"
        anchors.fill: parent
        active: false
        // Compiled on the technician gesture only.
        source: active ? "admin/AdminScene.qml" : ""
        onLoaded: root.watchAdmin(item)
    }

    // The technician scene's root Item has `signal closed()`. Going home afterwards
    // applies what the technician changed (idle times, display, a new catalogue) at once.
    function watchAdmin(scene) {
        scene.closed.connect(() => {
            admin.active = false;
            Resident.technicianDone();
        });
    }

    Connections {
        target: Resident
        function onScreen_changed() {
            const screen = Resident.screen;
            if (screen !== "item")
                root.listScreen = screen;
        }
        function onToast_requested(message) {
            toast.show(message);
        }
        function onToast_cleared() {
            toast.clear();
        }
        function onAdmin_requested() {
            if (root.adminReady)
                admin.active = true;
            else
                toast.show(qsTr("维护功能暂不可用，请运行 kiosk doctor 查看原因"));
        }
    }
}
