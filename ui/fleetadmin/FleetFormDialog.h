#pragma once

#include <QDialog>

class QDialogButtonBox;
class QFormLayout;
class QLabel;

// A small form that changes the fleet (a shard, an endpoint, the role names). OK does not close
// it: it emits submitted(), and whoever runs the change calls accept() when it is done or
// showError() with the reason, so a refused change keeps what was typed. busy() greys it while
// the change runs.
class FleetFormDialog : public QDialog {
    Q_OBJECT
public:
    FleetFormDialog(const QString& title, QWidget* parent);

    void showError(const QString& text);
    void setBusy(bool busy);

signals:
    void submitted();

protected:
    QFormLayout* form() const { return m_form; }

private:
    QFormLayout* m_form;
    QLabel* m_error;
    QDialogButtonBox* m_buttons;
};
