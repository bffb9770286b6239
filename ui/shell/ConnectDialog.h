#pragma once

#include "catalog/ConnectionProfile.h"
#include "pg/ConnectionParams.h"

#include <QDialog>

class ProfileStore;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class UserPrompts;

// Where to connect: saved profiles on the left, the profile's fields (or one libpq connection
// string) on the right, and a password used for this connection only. Input is checked here,
// with the message shown inline, before anything is sent (ConnectionProfile::validate()).
// The dialog does not connect by itself: it asks with connectRequested() and stays open until
// the window reports success (accept()) or a failure (showError()).
class ConnectDialog : public QDialog {
    Q_OBJECT
public:
    ConnectDialog(ProfileStore& profiles, UserPrompts& prompts, QWidget* parent = nullptr);

    // The fields as a profile; the port field must hold a number (see validationMessage()).
    ConnectionProfile profile() const;
    void setProfile(const ConnectionProfile& profile);
    // Why the fields cannot be used yet, or empty.
    QString validationMessage() const;

    void showError(const QString& message);
    // While connecting the fields are locked and Connect is disabled.
    void setConnecting(bool connecting);

signals:
    void connectRequested(const ConnectionParams& params);

private:
    void reloadProfiles(const QString& select);
    void profileSelected();
    void tryConnect();
    void saveProfile();
    void deleteProfile();
    void pickFile(QLineEdit* field, const QString& caption);
    QLineEdit* addField(const QString& objectName, const QString& placeholder);

    ProfileStore& m_profiles;
    UserPrompts& m_prompts;
    QListWidget* m_list;
    QLineEdit* m_name;
    QLineEdit* m_host;
    QLineEdit* m_port;
    QLineEdit* m_database;
    QLineEdit* m_user;
    QComboBox* m_sslMode;
    QLineEdit* m_rootCert;
    QLineEdit* m_passfile;
    QLineEdit* m_service;
    QLineEdit* m_connectionString;
    QLineEdit* m_password;
    QLabel* m_error;
    QPushButton* m_connect;
    QPushButton* m_save;
    QPushButton* m_delete;
    QList<QWidget*> m_inputs; // locked while connecting
};
