//! Editor accounts in `<data>/desk/editors.toml`: names, argon2id password hashes and when each
//! password was last set. There is no default account; the first editor is made from the CLI.
//!
//! The file is read on every call: editors are few, and a reset from the CLI then takes effect
//! in a running server at once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::SystemTime;

use argon2::password_hash::{self, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use serde::{Deserialize, Serialize};

use crate::error::DeskError;
use crate::files;
use crate::password::{check_password, check_user_name};
use crate::stamp;

/// The hash of a password no one knows, made with argon2's default parameters. Verifying
/// against it when a name has no account makes a login for an unknown name take as long as
/// one for a known name, so timing does not reveal which names exist.
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$hIbSAPROZg8jH7GTxXx0Hw$WbnGHB9fMvA9O1C+zfSQu8wJLPD0iB3j85E2k7vo+UU";

/// An editor as the web layer sees one: no hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// The editor's name.
    pub name: String,
    /// When the password was last set; sessions started before this are void.
    pub changed_at: SystemTime,
}

/// The editor accounts of one data folder.
#[derive(Debug)]
pub struct Accounts {
    path: PathBuf,
    /// Serialises read-modify-write cycles within this process.
    writing: Mutex<()>,
}

/// `editors.toml` as stored.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct EditorsFile {
    #[serde(default)]
    editors: BTreeMap<String, StoredEditor>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredEditor {
    /// PHC string: `$argon2id$v=19$m=…,t=…,p=…$salt$hash`.
    hash: String,
    /// RFC 3339, full precision.
    changed_at: String,
}

impl Accounts {
    /// The accounts kept under `data_dir`. Touches no file; a missing file means no accounts.
    pub fn open(data_dir: &Path) -> Accounts {
        Accounts {
            path: data_dir.join("desk").join("editors.toml"),
            writing: Mutex::new(()),
        }
    }

    /// Creates an account. Refuses a bad name, a weak password or a name already taken.
    pub fn add(&self, user: &str, password: &str, now: SystemTime) -> Result<(), DeskError> {
        check_user_name(user)?;
        check_password(user, password)?;
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let mut file = self.load()?;
        if file.editors.contains_key(user) {
            return Err(DeskError::UserExists(user.to_string()));
        }
        file.editors
            .insert(user.to_string(), stored(password, now)?);
        self.save(&file)
    }

    /// Gives an existing account a new password; sessions started before `now` become void.
    pub fn reset(&self, user: &str, password: &str, now: SystemTime) -> Result<(), DeskError> {
        let _writing = self.writing.lock().unwrap_or_else(PoisonError::into_inner);
        let mut file = self.load()?;
        let Some(editor) = file.editors.get_mut(user) else {
            return Err(DeskError::NoSuchUser(user.to_string()));
        };
        check_password(user, password)?;
        *editor = stored(password, now)?;
        self.save(&file)
    }

    /// All editor names, sorted.
    pub fn names(&self) -> Result<Vec<String>, DeskError> {
        Ok(self.load()?.editors.into_keys().collect())
    }

    /// The account when `password` is right; `None` for a wrong password or an unknown name,
    /// which take the same time (see [`DUMMY_HASH`]).
    pub fn verify(&self, user: &str, password: &str) -> Result<Option<Account>, DeskError> {
        let file = self.load()?;
        let Some(editor) = file.editors.get(user) else {
            // Same work as for a real account; the answer is no whatever the outcome.
            let dummy = PasswordHash::new(DUMMY_HASH).map_err(hash_error)?;
            let _ = Argon2::default().verify_password(password.as_bytes(), &dummy);
            return Ok(None);
        };
        let hash = PasswordHash::new(&editor.hash).map_err(|error| {
            DeskError::corrupt(&self.path, format!("the hash of {user:?}: {error}"))
        })?;
        match Argon2::default().verify_password(password.as_bytes(), &hash) {
            Ok(()) => Ok(Some(self.account(user, editor)?)),
            Err(password_hash::Error::Password) => Ok(None),
            Err(error) => Err(hash_error(error)),
        }
    }

    /// The account named `user`, if any, without checking a password.
    pub fn get(&self, user: &str) -> Result<Option<Account>, DeskError> {
        let file = self.load()?;
        file.editors
            .get(user)
            .map(|editor| self.account(user, editor))
            .transpose()
    }

    fn account(&self, user: &str, editor: &StoredEditor) -> Result<Account, DeskError> {
        let changed_at = stamp::parse(&editor.changed_at).ok_or_else(|| {
            DeskError::corrupt(
                &self.path,
                format!("changed_at of {user:?} is not an RFC 3339 time"),
            )
        })?;
        Ok(Account {
            name: user.to_string(),
            changed_at,
        })
    }

    fn load(&self) -> Result<EditorsFile, DeskError> {
        let Some(bytes) = files::read_if_present(&self.path)? else {
            return Ok(EditorsFile::default());
        };
        let text = String::from_utf8(bytes)
            .map_err(|_| DeskError::corrupt(&self.path, "the file is not UTF-8"))?;
        toml::from_str(&text).map_err(|error| DeskError::corrupt(&self.path, error))
    }

    fn save(&self, file: &EditorsFile) -> Result<(), DeskError> {
        let text = toml::to_string(file).map_err(|error| DeskError::corrupt(&self.path, error))?;
        if let Some(folder) = self.path.parent() {
            files::ensure_private_folder(folder)?;
        }
        files::write_private(&self.path, text.as_bytes())
    }
}

/// A fresh argon2id hash of `password` with a random salt, stamped `now`.
fn stored(password: &str, now: SystemTime) -> Result<StoredEditor, DeskError> {
    let salt = SaltString::encode_b64(&files::random_bytes::<16>()?).map_err(hash_error)?;
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(hash_error)?
        .to_string();
    Ok(StoredEditor {
        hash,
        changed_at: stamp::exact(now),
    })
}

fn hash_error(error: password_hash::Error) -> DeskError {
    DeskError::Hash(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::password::PasswordProblem;
    use std::time::{Duration, UNIX_EPOCH};

    const GOOD: &str = "correct horse battery";
    const OTHER: &str = "another long phrase";

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(seconds)
    }

    #[test]
    fn add_then_verify() {
        let data = tempfile::tempdir().expect("temporary folder");
        let accounts = Accounts::open(data.path());
        assert_eq!(accounts.names().expect("names"), Vec::<String>::new());
        accounts.add("alice", GOOD, at(100)).expect("add");
        let account = accounts.verify("alice", GOOD).expect("verify");
        assert_eq!(
            account,
            Some(Account {
                name: "alice".into(),
                changed_at: at(100)
            })
        );
        assert_eq!(accounts.verify("alice", OTHER).expect("verify"), None);
        assert_eq!(accounts.verify("bob", GOOD).expect("verify"), None);
        assert_eq!(accounts.names().expect("names"), vec!["alice".to_string()]);
        assert_eq!(accounts.get("bob").expect("get"), None);
        let text = std::fs::read_to_string(data.path().join("desk/editors.toml")).expect("read");
        assert!(
            text.contains("$argon2id$") && !text.contains(GOOD),
            "{text}"
        );
    }

    #[test]
    fn a_second_account_with_the_same_name_is_refused() {
        let data = tempfile::tempdir().expect("temporary folder");
        let accounts = Accounts::open(data.path());
        accounts.add("alice", GOOD, at(100)).expect("add");
        assert!(matches!(
            accounts.add("alice", OTHER, at(200)),
            Err(DeskError::UserExists(name)) if name == "alice"
        ));
    }

    #[test]
    fn reset_changes_the_password_and_its_time() {
        let data = tempfile::tempdir().expect("temporary folder");
        let accounts = Accounts::open(data.path());
        accounts.add("alice", GOOD, at(100)).expect("add");
        let later = at(500) + Duration::from_nanos(7);
        accounts.reset("alice", OTHER, later).expect("reset");
        assert_eq!(accounts.verify("alice", GOOD).expect("verify"), None);
        let account = accounts.verify("alice", OTHER).expect("verify");
        assert_eq!(account.map(|a| a.changed_at), Some(later));
        assert!(matches!(
            accounts.reset("bob", OTHER, later),
            Err(DeskError::NoSuchUser(name)) if name == "bob"
        ));
    }

    #[test]
    fn weak_passwords_and_bad_names_are_refused() {
        let data = tempfile::tempdir().expect("temporary folder");
        let accounts = Accounts::open(data.path());
        assert!(matches!(
            accounts.add("alice", "short", at(1)),
            Err(DeskError::WeakPassword(PasswordProblem::TooShort))
        ));
        assert!(matches!(
            accounts.add("Alice", GOOD, at(1)),
            Err(DeskError::BadUserName(_))
        ));
        accounts.add("alice", GOOD, at(1)).expect("add");
        assert!(matches!(
            accounts.reset("alice", "alice-is-my-password", at(2)),
            Err(DeskError::WeakPassword(PasswordProblem::ContainsUserName))
        ));
    }

    #[test]
    fn a_damaged_file_is_reported_not_ignored() {
        let data = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(data.path().join("desk")).expect("folder");
        std::fs::write(data.path().join("desk/editors.toml"), "editors = 3").expect("write");
        let accounts = Accounts::open(data.path());
        assert!(matches!(
            accounts.verify("alice", GOOD),
            Err(DeskError::Corrupt { .. })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn the_file_and_its_folder_are_private() {
        use std::os::unix::fs::PermissionsExt;
        let data = tempfile::tempdir().expect("temporary folder");
        Accounts::open(data.path())
            .add("alice", GOOD, at(1))
            .expect("add");
        let mode = |path: &Path| {
            std::fs::metadata(path)
                .expect("metadata")
                .permissions()
                .mode()
                & 0o777
        };
        assert_eq!(mode(&data.path().join("desk")), 0o700);
        assert_eq!(mode(&data.path().join("desk/editors.toml")), 0o600);
    }

    #[test]
    fn the_dummy_hash_costs_what_a_real_one_does() {
        let dummy = PasswordHash::new(DUMMY_HASH).expect("dummy parses");
        // A wrong-password answer means the full hash was computed and compared.
        assert!(matches!(
            Argon2::default().verify_password(GOOD.as_bytes(), &dummy),
            Err(password_hash::Error::Password)
        ));
        let real = stored(GOOD, at(1)).expect("hash");
        let real = PasswordHash::new(&real.hash).expect("real parses");
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert_eq!(dummy.hash.map(|h| h.len()), real.hash.map(|h| h.len()));
    }
}
