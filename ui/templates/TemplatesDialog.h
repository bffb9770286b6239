#pragma once

#include "provision/TenantTemplate.h"
#include "ui/common/SessionDialog.h"

#include <QList>
#include <functional>

class PgConnection;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;
class UserPrompts;

// The template versions of the catalog (Tenants > Templates…): the list with the tenants made from
// each, a new version from a SQL file or from a tenant (the one selected in the main window is
// offered), and what differs between two versions. Each runs the core class tenantctl runs
// (TemplateAdder, TemplateImporter, TemplateDiff) on the dialog's PgSession, so the GUI thread
// never waits; results and server messages are shown as plain text.
class TemplatesDialog : public SessionDialog {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        ModelColumn,
        VersionColumn,
        TenantsColumn,
        CreatedColumn,
        DescriptionColumn,
        ColumnCount
    };

    TemplatesDialog(const ConnectionParams& catalog, UserPrompts& prompts, QWidget* parent = nullptr);

    // The tenant Import offers (the main window's selection); empty: none.
    void setSourceTenant(const QString& slug);

    void loadVersions();
    void addFromFile();
    void importFromTenant();
    void compare();
    void cancel();

    const QList<TenantTemplate>& versions() const { return m_versions; }

signals:
    void versionsLoaded();
    // After an add, import or compare: whether it succeeded (the result pane says what happened).
    void finished(bool ok);

private:
    void versionSelected();
    void addFile(const QString& path);
    // Shows status, runs job on the session and puts the text it returns (or its error) in the
    // result pane.
    void runJob(const QString& status, std::function<QString(PgConnection&)> job);
    void showResult(bool ok, const QString& text);
    void updateButtons();
    QString templateName() const;

    UserPrompts& m_prompts;
    QTableWidget* m_table;
    QLineEdit* m_name;
    QComboBox* m_model;
    QSpinBox* m_version;
    QLineEdit* m_description;
    QPushButton* m_add;
    QLineEdit* m_tenant;
    QPushButton* m_import;
    QSpinBox* m_from;
    QSpinBox* m_to;
    QPushButton* m_compare;
    QPlainTextEdit* m_result;
    QLabel* m_status;
    QProgressBar* m_busy;
    QPushButton* m_cancel;
    QList<TenantTemplate> m_versions;
};
