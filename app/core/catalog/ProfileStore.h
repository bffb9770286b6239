#pragma once

#include "catalog/ConnectionProfile.h"

#include <QList>
#include <QString>

#include <memory>

class QSettings;

// The saved connection profiles, in QSettings. Stores exactly the fields of ConnectionProfile,
// which has no password; a connection string is stored as libpq would print it back without
// its password, so a pasted password never reaches the settings file either.
class ProfileStore {
public:
    // settings: where to keep them (tests pass a QSettings on a temporary file); by default the
    // application's own QSettings. The store does not take ownership of settings.
    explicit ProfileStore(QSettings* settings = nullptr);
    ~ProfileStore();
    ProfileStore(const ProfileStore&) = delete;
    ProfileStore& operator=(const ProfileStore&) = delete;

    // In the order they were first saved.
    QList<ConnectionProfile> profiles() const;
    // Adds the profile, or replaces the one of the same name. Returns an empty string when saved,
    // else why not (ConnectionProfile::validate()); nothing is written then.
    QString save(const ConnectionProfile& profile);
    // Whether a profile of that name existed.
    bool remove(const QString& name);

private:
    void write(const QList<ConnectionProfile>& profiles);

    std::unique_ptr<QSettings> m_owned;
    QSettings* m_settings;
};
