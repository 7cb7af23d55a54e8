-- unionbot schema 16: a typed step ("type your answer") is kept with the person's other
-- half-finished flows, in their draft (`user_drafts`, see bot/runtime/persistence.py and
-- handlers/prompts.py), instead of a table of its own. Steps waiting at the upgrade move
-- there: under "typing", one per chat id, as handlers/prompts.py reads them.

INSERT INTO user_drafts (telegram_id, data)
SELECT DISTINCT telegram_id, '{}' FROM pending_inputs
WHERE telegram_id NOT IN (SELECT telegram_id FROM user_drafts);

UPDATE user_drafts SET data = json_set(data, '$.typing', (
    SELECT json_group_object(
        CAST(p.chat_id AS TEXT),
        json_object(
            'kind', p.kind, 'ticket', p.ticket, 'data', json(p.data),
            'prompt', p.prompt_id, 'at', p.created_at
        )
    )
    FROM pending_inputs p WHERE p.telegram_id = user_drafts.telegram_id
))
WHERE telegram_id IN (SELECT telegram_id FROM pending_inputs);

DROP TABLE pending_inputs;
