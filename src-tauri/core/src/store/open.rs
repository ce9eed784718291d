//! Opening the database file safely: never overwrite a corrupt file, never
//! touch a file from a newer Juchu, never mix demo and real data.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::error::{Result, StoreError};
use super::schema;
use crate::paths::Profile;

pub const DB_FILE: &str = "juchu.sqlite3";
/// Left beside the database when a query hit a corrupt page, so that the next
/// start runs a full integrity check (too slow to run on every start).
const CHECK_MARKER: &str = "juchu.sqlite3.needs-check";

/// How opening went.
pub struct Opened {
    pub conn: Connection,
    /// Where a corrupt database was moved before a fresh one was created.
    pub set_aside: Option<PathBuf>,
}

pub fn open(dir: &Path, profile: Profile) -> Result<Opened> {
    std::fs::create_dir_all(dir).map_err(|e| StoreError::DbCannotOpen {
        path: dir.to_path_buf(),
        detail: e.to_string(),
    })?;
    let path = dir.join(DB_FILE);
    match open_checked(&path, profile) {
        Ok(conn) => Ok(Opened {
            conn,
            set_aside: None,
        }),
        Err(StoreError::DbCorrupt { .. }) => {
            let aside = set_aside(&path)?;
            let conn = open_checked(&path, profile)?;
            Ok(Opened {
                conn,
                set_aside: Some(aside),
            })
        }
        Err(e) => Err(e),
    }
}

/// Remembers that a corrupt page was met, for the integrity check at the next start.
pub fn mark_needs_check(dir: &Path) {
    // Best effort: failing to write the marker must not hide the original error.
    let _ = std::fs::write(dir.join(CHECK_MARKER), b"");
}

fn open_checked(path: &Path, profile: Profile) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let mut conn = Connection::open_with_flags(path, flags).map_err(|e| classify(path, e))?;
    conn.busy_timeout(Duration::from_secs(5))
        .map_err(|e| classify(path, e))?;

    // Reading the schema touches page 1 and the schema pages: a file that is
    // not a database, or has a damaged schema, fails here.
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(|e| classify(path, e))?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| {
        r.get::<_, i64>(0)
    })
    .map_err(|e| classify(path, e))?;
    if version > schema::latest_version() {
        return Err(StoreError::DbTooNew {
            path: path.to_path_buf(),
            found: version,
            supported: schema::latest_version(),
        });
    }
    let marker = path.with_file_name(CHECK_MARKER);
    if marker.exists() {
        let verdict: String = conn
            .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
            .map_err(|e| classify(path, e))?;
        if verdict != "ok" {
            return Err(StoreError::DbCorrupt {
                path: path.to_path_buf(),
            });
        }
        let _ = std::fs::remove_file(&marker);
    }

    conn.pragma_update(None, "journal_mode", "WAL")
        .map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "foreign_keys", "ON")
        .map_err(|e| classify(path, e))?;
    // 64 MiB of page cache (the default is 2 MiB): the order indexes are
    // keyed by date and status, so a fetch touches pages all over them.
    conn.pragma_update(None, "cache_size", -65536)
        .map_err(|e| classify(path, e))?;
    conn.pragma_update(None, "temp_store", "MEMORY")
        .map_err(|e| classify(path, e))?;
    schema::migrations()
        .to_latest(&mut conn)
        .map_err(|e| match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => classify(path, err),
            other => StoreError::Migration(other.to_string()),
        })?;
    check_profile(&conn, path, profile)?;
    Ok(conn)
}

/// Maps SQLite's answer to what the merchant needs to know.
pub fn classify(path: &Path, e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => StoreError::DbCorrupt {
            path: path.to_path_buf(),
        },
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreError::DbLocked,
        Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::PermissionDenied)
        | Some(ErrorCode::ReadOnly)
        | Some(ErrorCode::SystemIoFailure)
        | Some(ErrorCode::DiskFull) => StoreError::DbCannotOpen {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => StoreError::Db(e),
    }
}

fn check_profile(conn: &Connection, path: &Path, profile: Profile) -> Result<()> {
    let found: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'profile'", [], |r| {
            r.get(0)
        })
        .map(Some)
        .or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(None),
            e => Err(e),
        })?;
    match found {
        None => {
            conn.execute(
                "INSERT INTO meta(key, value) VALUES ('profile', ?1), ('install_id', ?2)",
                [profile.code(), &uuid::Uuid::new_v4().to_string()],
            )?;
            Ok(())
        }
        Some(code) if code == profile.code() => Ok(()),
        Some(code) => Err(StoreError::DbProfileMismatch {
            path: path.to_path_buf(),
            found: Profile::from_code(&code).map_or("別の用途", Profile::label),
            expected: profile.label(),
        }),
    }
}

/// Moves the database and its WAL/SHM files to `<name>.corrupt-<timestamp>`.
fn set_aside(path: &Path) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let aside = path.with_file_name(format!("{DB_FILE}.corrupt-{stamp}"));
    let fail = |e: std::io::Error| StoreError::DbSetAsideFailed {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    std::fs::rename(path, &aside).map_err(fail)?;
    for suffix in ["-wal", "-shm"] {
        let side = path.with_file_name(format!("{DB_FILE}{suffix}"));
        if side.exists() {
            std::fs::rename(
                &side,
                aside.with_file_name(format!("{DB_FILE}.corrupt-{stamp}{suffix}")),
            )
            .map_err(fail)?;
        }
    }
    let _ = std::fs::remove_file(path.with_file_name(CHECK_MARKER));
    Ok(aside)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_folder_gets_a_migrated_database_in_wal_mode() {
        let dir = tempfile::tempdir().unwrap();
        let o = open(dir.path(), Profile::Real).unwrap();
        assert!(o.set_aside.is_none());
        let mode: String = o
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = o
            .conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        drop(o);
        // Opening again keeps the data and the profile.
        open(dir.path(), Profile::Real).unwrap();
    }

    #[test]
    fn garbage_file_is_set_aside_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let garbage = b"this is not a database, it is a merchant's precious file".repeat(100);
        std::fs::write(dir.path().join(DB_FILE), &garbage).unwrap();
        let o = open(dir.path(), Profile::Real).unwrap();
        let aside = o.set_aside.expect("set aside");
        assert_eq!(std::fs::read(&aside).unwrap(), garbage);
        assert!(aside
            .file_name()
            .unwrap()
            .to_string_lossy()
            .contains("corrupt"));
    }

    #[test]
    fn damaged_schema_page_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path(), Profile::Real).unwrap());
        let p = dir.path().join(DB_FILE);
        // Checkpoint happened on close; scribble over the schema page (page 1 after the header).
        let mut bytes = std::fs::read(&p).unwrap();
        for b in bytes.iter_mut().skip(100).take(3000) {
            *b = 0xAB;
        }
        std::fs::write(&p, &bytes).unwrap();
        let o = open(dir.path(), Profile::Real).unwrap();
        assert!(o.set_aside.is_some());
    }

    #[test]
    fn newer_database_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join(DB_FILE);
        {
            let c = Connection::open(&p).unwrap();
            c.execute_batch("CREATE TABLE future(x); PRAGMA user_version = 99;")
                .unwrap();
        }
        let before = std::fs::read(&p).unwrap();
        let err = open(dir.path(), Profile::Real).err().unwrap();
        assert_eq!(err.code(), "DB_TOO_NEW");
        assert!(err.to_string().contains("最新版"));
        assert_eq!(std::fs::read(&p).unwrap(), before);
    }

    #[test]
    fn demo_and_real_folders_do_not_mix() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path(), Profile::Demo).unwrap());
        let err = open(dir.path(), Profile::Real).err().unwrap();
        assert_eq!(err.code(), "DB_PROFILE_MISMATCH");
    }

    #[test]
    fn locked_database_says_so() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path(), Profile::Real).unwrap());
        let holder = Connection::open(dir.path().join(DB_FILE)).unwrap();
        holder
            .execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;")
            .unwrap();
        let c = Connection::open(dir.path().join(DB_FILE)).unwrap();
        c.busy_timeout(Duration::from_millis(50)).unwrap();
        let e = c
            .query_row("SELECT count(*) FROM shops", [], |r| r.get::<_, i64>(0))
            .unwrap_err();
        assert_eq!(classify(dir.path(), e).code(), "DB_LOCKED");
    }

    #[test]
    fn unwritable_folder_is_a_clear_error() {
        let err = open(Path::new("/proc/juchu-cannot-be-here"), Profile::Real)
            .err()
            .unwrap();
        assert_eq!(err.code(), "DB_CANNOT_OPEN");
    }

    #[test]
    fn marker_triggers_a_full_check() {
        let dir = tempfile::tempdir().unwrap();
        drop(open(dir.path(), Profile::Real).unwrap());
        mark_needs_check(dir.path());
        let o = open(dir.path(), Profile::Real).unwrap();
        assert!(o.set_aside.is_none());
        assert!(!dir.path().join(CHECK_MARKER).exists());
    }
}
