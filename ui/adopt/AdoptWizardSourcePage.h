#pragma once

#include "adopt/AdoptRequest.h"

#include <QHash>
#include <QWizardPage>

class QComboBox;
class QLabel;
class QLineEdit;

// The shard (the catalog's, loaded when the page opens) and the application's layout: auto by
// default, or one of the libraries' with its table and column names editable (empty fields keep
// the library's defaults, shown as placeholders).
class AdoptWizardSourcePage : public QWizardPage {
    Q_OBJECT
public:
    explicit AdoptWizardSourcePage(QWidget* parent = nullptr);

    void initializePage() override;
    bool isComplete() const override;
    AdoptRequest request() const;

private:
    void showDefaults();

    QComboBox* m_shard;
    QComboBox* m_layout;
    QLineEdit* m_database;
    QHash<QString, QLineEdit*> m_options; // by option key
    QLabel* m_status;
};
