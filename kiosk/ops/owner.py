"""Who owns ``$KIOSK_HOME``: a command run as root acts as the home's owner.

Technicians run ``kiosk`` as root. Files that root writes into the home (config,
state, logs, a factory catalogue, a synced snapshot) would be root's and often 0600,
and the UI, which runs as the kiosk user, then fails on a PermissionError. So a
command started as root gives up root for the home's owner before it touches
anything (:func:`act_as_home_owner`), and ``kiosk doctor`` checks every owner and
mode below the home (:func:`ownership_problems`).
"""

from __future__ import annotations

import grp
import logging
import os
import pwd
import stat
from pathlib import Path
from typing import NamedTuple

log = logging.getLogger("kiosk.ops.owner")

#: The walk stops after this many entries (a home holds a few dozen files).
WALK_LIMIT = 50_000


def act_as_home_owner(root: Path) -> str | None:
    """If this process is root and the home belongs to another user, become that user.

    Real, effective and saved ids and the supplementary groups all change, so nothing
    this process writes afterwards is root's. Returns the user's name (or uid), or None
    when nothing changed (not root, the home is root's, or it does not exist yet).
    """
    if os.geteuid() != 0:
        return None
    try:
        st = root.stat()
    except OSError:
        return None
    if st.st_uid == 0:
        return None
    try:
        name = pwd.getpwuid(st.st_uid).pw_name
        os.initgroups(name, st.st_gid)
    except KeyError:  # a uid with no passwd entry: only its group
        name = str(st.st_uid)
        os.setgroups([st.st_gid])
    os.setgid(st.st_gid)
    os.setuid(st.st_uid)
    log.info("running as %s, the owner of %s", name, root)
    return name


class Owner(NamedTuple):
    uid: int
    gid: int

    @property
    def spec(self) -> str:
        """``user:group`` for chown (names where they exist)."""
        try:
            user = pwd.getpwuid(self.uid).pw_name
        except KeyError:
            user = str(self.uid)
        try:
            group = grp.getgrgid(self.gid).gr_name
        except KeyError:
            group = str(self.gid)
        return f"{user}:{group}"


def home_owner(root: Path) -> Owner | None:
    try:
        st = root.stat()
    except OSError:
        return None
    return Owner(st.st_uid, st.st_gid)


def ownership_problems(root: Path, limit: int = WALK_LIMIT) -> list[str]:
    """Entries below ``root`` its owner could not use: another owner, or no u+r (dirs u+rwx).

    Each problem is ``"<path>: <what>"``; symlinks are not followed.
    """
    owner = home_owner(root)
    if owner is None:
        return []
    problems: list[str] = []
    seen = 0
    stack = [root]
    while stack and seen < limit:
        path = stack.pop()
        try:
            st = path.lstat()
        except OSError as exc:
            problems.append(f"{path}: cannot stat ({exc.strerror})")
            continue
        seen += 1
        if stat.S_ISLNK(st.st_mode):
            continue
        is_dir = stat.S_ISDIR(st.st_mode)
        # Installed snapshots are read-only on purpose: files need u+r, directories u+rwx.
        need = stat.S_IRWXU if is_dir else stat.S_IRUSR
        if st.st_uid != owner.uid:
            problems.append(f"{path}: owned by {Owner(st.st_uid, st.st_gid).spec}")
        elif st.st_mode & need != need:
            problems.append(f"{path}: mode {stat.filemode(st.st_mode)}")
        if is_dir:
            try:
                stack.extend(sorted(path.iterdir(), reverse=True))
            except OSError as exc:
                problems.append(f"{path}: cannot list ({exc.strerror})")
    return problems


def repair_command(root: Path) -> str:
    """The shell command (run as root) that gives everything below ``root`` back to its owner."""
    owner = home_owner(root)
    spec = owner.spec if owner else "kiosk:kiosk"
    return f"chown -R {spec} {root} && chmod -R u+rwX {root}"
