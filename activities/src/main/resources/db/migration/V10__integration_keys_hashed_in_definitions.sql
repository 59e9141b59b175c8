-- Services kept their integration keys in plain text in their definition (the lookup table was
-- already hashed). From now on a definition holds only 'sha256:<hex>', the same hash as
-- integration_keys.key_hash, so the keys themselves are nowhere in the database.
update directory_entities
set definition = jsonb_set(definition, '{integrationKeys}', (
        select coalesce(jsonb_agg(
                   case when key ~ '^sha256:[0-9a-f]{64}$' then key
                        else 'sha256:' || encode(sha256(convert_to(key, 'UTF8')), 'hex')
                   end order by position), '[]'::jsonb)
        from jsonb_array_elements_text(definition -> 'integrationKeys')
             with ordinality as keys(key, position)))
where kind = 'service'
  and jsonb_typeof(definition -> 'integrationKeys') = 'array';
