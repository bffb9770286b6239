-- The fleet's role names: owner $1, admin $2, support $3, application roles $4 (JSON array).
UPDATE tenantdesk.fleet_roles
   SET owner_role = $1, admin_role = $2, support_role = $3,
       app_roles = ARRAY(SELECT jsonb_array_elements_text($4::jsonb)), updated_at = now()
