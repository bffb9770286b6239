#pragma once

#include "pg/ConnectionParams.h"
#include "provision/TenantTemplate.h"

#include <QDialog>
#include <QList>

class PgSession;
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
class TemplatesDialog : public QDialog {
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
    ~TemplatesDialog() override;

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
    void showResult(bool ok, const QString& text);
    void updateButtons();
    QString templateName() const;

    ConnectionParams m_catalog;
    UserPrompts& m_prompts;
    PgSession* m_session;
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
