-- The fleet's role names (catalog version 5 and later); app_roles as a JSON array of names.
SELECT owner_role, admin_role, support_role, to_json(app_roles)::text
  FROM tenantdesk.fleet_roles
