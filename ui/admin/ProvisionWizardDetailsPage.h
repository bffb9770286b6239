#pragma once

#include "catalog/ShardTarget.h"
#include "provision/TenantSpec.h"
#include "provision/TenantTemplate.h"

#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

// The new tenant's fields, with what is wrong shown as it is typed (TenantSpecValidator); Next
// stays disabled, so nothing is sent, until it is all right. The shards (with their headroom) and
// the templates come from the catalog when the page opens.
class ProvisionWizardDetailsPage : public QWizardPage {
    Q_OBJECT
public:
    explicit ProvisionWizardDetailsPage(QWidget* parent = nullptr);

    TenantSpec spec() const;
    // Why Next is disabled, or empty.
    QString problem() const { return m_problem; }

    void initializePage() override;
    bool isComplete() const override;

private:
    void load();
    void fillShards(const QList<ShardTarget>& shards);
    void fillTemplates();
    void fillVersions();
    void validate();

    QLineEdit* m_slug;
    QLineEdit* m_name;
    QComboBox* m_model;
    QComboBox* m_shard;
    QComboBox* m_template;
    QComboBox* m_version;
    QPlainTextEdit* m_domains;
    QLabel* m_message;
    QList<TenantTemplate> m_templates;
    QString m_problem;
    bool m_loaded = false;
    bool m_loading = false;
};
