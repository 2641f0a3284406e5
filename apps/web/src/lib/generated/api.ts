// Generated from docs/openapi/api.json by apps/web/scripts/generate-client.mjs. Do not edit:
// run `npm run generate:web-client`.
export interface paths {
    "/api/v1/admin/queues/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Open a queue dashboard session
         * @description Sets a short-lived, signed, HttpOnly, SameSite=Strict cookie for /admin/queues (the bull-board UI). Only administrators of the operator tenant (OPERATOR_TENANT) get one.
         */
        post: operations["QueueDashboard_open"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Audit_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/forgot": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_forgot"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/password/reset": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_reset"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_disableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_enableTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/auth/totp/setup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Auth_setupTotp"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/broadcasting/auth": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Broadcasting_auth"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/broadcasting/auth/socket-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Broadcasting_authWithSocketToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/broadcasting/socket-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Broadcasting_socketToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The tenant's certifications with their current status (the review queue) */
        get: operations["Certifications_list"];
        put?: never;
        /** Certify a task's llm_output under a policy (the caller is the requester) */
        post: operations["Certifications_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One certification with its policy results (the view is recorded for the caller) */
        get: operations["Certifications_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Approve a certification pending review (four-eyes: not its requester) */
        post: operations["Certifications_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}/audit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status changes and views of the certification (who, when, why) */
        get: operations["Certifications_audit"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}/bundle": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The bundle itself (no envelope, downloaded as an attachment): verify it as is with `npm run verify -- bundle.json --trust trust.json` */
        get: operations["Certifications_bundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Reject a certification pending review (four-eyes: not its requester) */
        post: operations["Certifications_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}/revoke": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Revoke a certification (appends a revocation to the log) */
        post: operations["Certifications_revoke"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Verify the certificate on the server (the same checks as offline) */
        post: operations["Certifications_verify"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/certifications/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every certified version of this output, oldest first */
        get: operations["Certifications_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/config": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PublicConfig_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Exports_list"];
        put?: never;
        post: operations["Exports_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Exports_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/exports/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Exports_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/budgets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Financial_listBudgets"];
        put?: never;
        post: operations["Financial_createBudget"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/budgets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Financial_budget"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Financial_updateBudget"];
        trace?: never;
    };
    "/api/v1/financial/contracts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Financial_listContracts"];
        put?: never;
        post: operations["Financial_createContract"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/contracts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Financial_getContract"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Financial_updateContract"];
        trace?: never;
    };
    "/api/v1/financial/exchange-rates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Financial_listRates"];
        put?: never;
        post: operations["Financial_createRate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/expenses": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Financial_listExpenses"];
        put?: never;
        post: operations["Financial_createExpense"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/expenses/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Financial_getExpense"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/expenses/{id}/decision": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Financial_decideExpense"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/invoices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Invoices_list"];
        put?: never;
        post: operations["Invoices_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/invoices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Invoices_get"];
        put?: never;
        post?: never;
        delete: operations["Invoices_remove"];
        options?: never;
        head?: never;
        patch: operations["Invoices_update"];
        trace?: never;
    };
    "/api/v1/financial/invoices/{id}/issue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Invoices_issue"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/invoices/{id}/payments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Invoices_pay"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/financial/invoices/{id}/void": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Invoices_void"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Roles_groups"];
        put?: never;
        post: operations["Roles_createGroup"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Roles_addMember"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/groups/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Roles_assignGroupRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Notifications_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Notifications_markRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Notifications_preferences"];
        put: operations["Notifications_updatePreferences"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Notifications_markAllRead"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-clients": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["OAuthClients_list"];
        put?: never;
        post: operations["OAuthClients_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/oauth-clients/{clientId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["OAuthClients_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/permissions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Roles_permissions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Programs_list"];
        put?: never;
        post: operations["Programs_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/programs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Programs_get"];
        put?: never;
        post?: never;
        delete: operations["Programs_remove"];
        options?: never;
        head?: never;
        patch: operations["Programs_update"];
        trace?: never;
    };
    "/api/v1/programs/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Programs_members"];
        put?: never;
        post: operations["Programs_addMember"];
        delete: operations["Programs_removeMember"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Push_subscribe"];
        delete: operations["Push_unsubscribe"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/push/vapid-public-key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Push_vapidPublicKey"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/program-overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Reports_programOverview"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/reports/time": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Reports_time"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Roles_roles"];
        put?: never;
        post: operations["Roles_createRole"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Search_find"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Sync_sync"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Tasks_list"];
        put?: never;
        post: operations["Tasks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Tasks_bulkUpdate"];
        trace?: never;
    };
    "/api/v1/tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Tasks_get"];
        put?: never;
        post?: never;
        delete: operations["Tasks_remove"];
        options?: never;
        head?: never;
        patch: operations["Tasks_update"];
        trace?: never;
    };
    "/api/v1/tasks/{id}/assign": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Tasks_assign"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/dependencies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Tasks_dependencies"];
        put?: never;
        post: operations["Tasks_addDependency"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/dependencies/{blockerId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        delete: operations["Tasks_removeDependency"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/history": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Tasks_history"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tasks/{id}/workflow": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TaskWorkflow_getWorkflow"];
        put?: never;
        post: operations["TaskWorkflow_transitionTask"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/time-cards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TimeCards_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/time-cards/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TimeCards_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/time-cards/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TimeCards_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/time-cards/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TimeCards_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/time-cards/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["TimeCards_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Users_list"];
        put?: never;
        post: operations["Users_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Users_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["Users_update"];
        trace?: never;
    };
    "/api/v1/users/{id}/erase": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Privacy_erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/export": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Privacy_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/invitation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Users_resendInvitation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/{id}/roles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Users_assignRole"];
        delete: operations["Users_unassignRole"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/invitations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Users_invite"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/users/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Users_me"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Webhooks_list"];
        put?: never;
        post: operations["Webhooks_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Webhooks_get"];
        put?: never;
        post?: never;
        delete: operations["Webhooks_remove"];
        options?: never;
        head?: never;
        patch: operations["Webhooks_update"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Webhooks_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/secret": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Webhooks_rotateSecret"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/witness/add-checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** tlog-witness add-checkpoint: cosign a checkpoint consistent with the last one cosigned (409 text/x.tlog.size when the old size is stale) */
        post: operations["Witness_addCheckpoint"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/witness/checkpoint": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The latest checkpoint the witness cosigned for a log origin, with its cosignature */
        get: operations["Witness_checkpoint"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/witness/key": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The witness's cosigner verifier key (c2sp.org/tlog-cosignature), for trust files */
        get: operations["Witness_key"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-logs": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["WorkLogs_list"];
        put?: never;
        post: operations["WorkLogs_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/work-logs/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["WorkLogs_get"];
        put?: never;
        post?: never;
        delete: operations["WorkLogs_remove"];
        options?: never;
        head?: never;
        patch: operations["WorkLogs_update"];
        trace?: never;
    };
    "/api/v1/workflows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Workflows_list"];
        put?: never;
        post: operations["Workflows_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Workflows_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/execute": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Workflows_execute"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/states": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["Workflows_states"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/workflows/{id}/vote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post: operations["Workflows_castVote"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AddDependencyDto: {
            /**
             * Format: uuid
             * @description The task that must finish before this one (finish-to-start)
             */
            blocker_id: string;
        };
        AddMemberDto: {
            /** Format: uuid */
            user_id: string;
        };
        AssignRoleDto: {
            /** Format: uuid */
            context_id?: string;
            /**
             * @default tenant
             * @enum {string}
             */
            context_type: "tenant" | "program" | "task";
            /** @example project_manager */
            role: string;
        };
        AssignTaskDto: {
            /**
             * Format: uuid
             * @description null unassigns
             */
            assignee_id: string | null;
        };
        BulkTaskChangesDto: {
            /** Format: uuid */
            assignee_id?: string | null;
            /** Format: date */
            due_date?: string | null;
            priority?: number;
            /** @enum {string} */
            status?: "todo" | "in_progress" | "blocked" | "done" | "cancelled";
        };
        BulkUpdateTasksDto: {
            changes: components["schemas"]["BulkTaskChangesDto"];
            ids: string[];
        };
        BundleCheckDto: {
            detail: string;
            /** @example signature */
            name: string;
            ok: boolean;
        };
        BurnUpPointDto: {
            /** @description tasks created by the end of the week */
            created_total: number;
            /** @description tasks done by the end of the week */
            done_total: number;
            /**
             * Format: date
             * @description Monday of the ISO week
             */
            week_start: string;
        };
        CertificationActorDto: {
            id: string | null;
            /** @enum {string} */
            type: "user" | "client" | "system";
        };
        CertificationArrayEnvelopeDto: {
            data: components["schemas"]["CertificationDto"][];
        };
        CertificationAuditEntryDto: {
            actor: components["schemas"]["CertificationActorDto"];
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            event: "certified" | "pending_review" | "approved" | "rejected" | "revoked" | "expired" | "viewed";
            /** Format: uuid */
            id: string;
            ip: string | null;
            log_index: number | null;
            reason: string | null;
            user_agent: string | null;
        };
        CertificationAuditEnvelopeDto: {
            data: components["schemas"]["CertificationAuditEntryDto"][];
        };
        CertificationDto: {
            /** @description the signed certificate payload */
            certificate: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            created_at: string;
            created_by: string | null;
            /** Format: date-time */
            expires_at: string | null;
            /** Format: uuid */
            id: string;
            input_hash: string;
            /** @description compact JWS of the certificate */
            jws: string;
            key_id: string;
            metadata: {
                [key: string]: unknown;
            };
            model: string;
            number: string;
            output_hash: string;
            /** Format: uuid */
            parent_id: string | null;
            policy: components["schemas"]["CertificationPolicyRefDto"];
            policy_results: components["schemas"]["PolicyRuleResultDto"][];
            provider: string;
            risk_score: number;
            /** @enum {string} */
            status: "certified" | "pending_review" | "approved" | "rejected" | "revoked" | "expired";
            /** Format: uuid */
            task_id: string | null;
        };
        CertificationEnvelopeDto: {
            data: components["schemas"]["CertificationDto"];
        };
        CertificationListEnvelopeDto: {
            data: components["schemas"]["CertificationSummaryDto"][];
            links: components["schemas"]["ListLinks"];
            meta: components["schemas"]["ListMeta"];
        };
        CertificationPolicyRefDto: {
            hash: string;
            /** Format: uuid */
            id: string;
            version: number;
        };
        CertificationSummaryDto: {
            /** Format: date-time */
            created_at: string;
            /**
             * @description who requested it
             * @example user:5f0c…
             */
            created_by: string | null;
            /** Format: date-time */
            expires_at: string | null;
            /** @description names of the policy rules the output failed */
            failed_rules: string[];
            /** Format: uuid */
            id: string;
            model: string;
            /** @example RC-2026-000042 */
            number: string;
            policy_key: string | null;
            /** Format: uuid */
            program_id: string | null;
            provider: string;
            risk_score: number;
            /** @enum {string} */
            status: "certified" | "pending_review" | "approved" | "rejected" | "revoked" | "expired";
            status_actor: components["schemas"]["CertificationActorDto"];
            /**
             * Format: date-time
             * @description when the current status was set
             */
            status_at: string;
            status_reason: string | null;
            /** Format: uuid */
            task_id: string | null;
            /** @description the task title, when the task exists */
            task_title: string | null;
        };
        CertificationVerificationDto: {
            /** Format: uuid */
            certification_id: string;
            /** @description signature, hashes, inclusion, checkpoint, timestamp, revocation, expiry */
            checks: components["schemas"]["BundleCheckDto"][];
            /** @description every check passed */
            ok: boolean;
            /**
             * @description the current status
             * @enum {string}
             */
            status: "certified" | "pending_review" | "approved" | "rejected" | "revoked" | "expired";
        };
        CertificationVerificationEnvelopeDto: {
            data: components["schemas"]["CertificationVerificationDto"];
        };
        ChannelAuthDto: {
            /** @example private-task.6f1c… */
            channel_name: string;
            /** @example 1234.5678 */
            socket_id: string;
        };
        CreateBudgetDto: {
            /** @example EUR */
            currency: string;
            /** @example 2500000 */
            planned_minor: number;
            /** Format: uuid */
            program_id: string;
        };
        CreateContractDto: {
            /**
             * @description Cap on the invoiced subtotal
             * @example 5000000
             */
            cap_minor?: Record<string, never> | null;
            /** @example ACME GmbH */
            client_name: string;
            /** @example EUR */
            currency: string;
            /**
             * @description Hourly rate in minor units of currency
             * @example 12000
             */
            hourly_rate_minor: number;
            /**
             * Format: uuid
             * @description The program whose work the contract bills
             */
            program_id: string;
        };
        CreateExchangeRateDto: {
            /** @example EUR */
            base_currency: string;
            /** @example 10000 */
            denominator?: number;
            /** @example 10845 */
            numerator?: number;
            /** @example USD */
            quote_currency: string;
            /**
             * @description Units of quote per unit of base, as a decimal string (or give numerator and denominator)
             * @example 1.0845
             */
            rate?: string;
            /**
             * @description Valid from this date until a later rate
             * @example 2026-03-01
             */
            rate_date: string;
        };
        CreateExpenseDto: {
            /**
             * @description Minor units, > 0
             * @example 4599
             */
            amount_minor: number;
            /** @default true */
            billable: boolean;
            /** @example EUR */
            currency: string;
            /** @example Train to client workshop */
            description: string;
            /** @example 2026-03-10 */
            expense_date: string;
            /** Format: uuid */
            program_id: string;
        };
        CreateExportDto: {
            filters?: components["schemas"]["TaskExportFiltersDto"];
            /**
             * @default csv
             * @enum {string}
             */
            format: "csv";
            /**
             * @description what to export
             * @enum {string}
             */
            kind: "tasks";
        };
        CreateGroupDto: {
            name: string;
        };
        CreateInvoiceDto: {
            /** Format: uuid */
            contract_id: string;
            notes?: string;
            /** @example 2026-03-01 */
            period_from: string;
            /** @example 2026-03-31 */
            period_to: string;
            /**
             * @description Tax rate in basis points (1900 = 19%)
             * @example 1900
             */
            tax_rate_bp: number;
        };
        CreateOAuthClientDto: {
            /**
             * @example [
             *       "client_credentials"
             *     ]
             */
            grant_types: ("client_credentials" | "authorization_code" | "refresh_token")[];
            /** @example ERP integration */
            name: string;
            redirect_uris?: string[];
            /**
             * @example [
             *       "tasks:read"
             *     ]
             */
            scopes: ("tasks:read" | "tasks:write" | "programs:read" | "programs:write" | "workflows:read" | "workflows:write" | "work-logs:read" | "work-logs:write" | "financial:read" | "financial:write" | "certifications:read" | "certifications:write" | "audit:read" | "audit:write" | "users:read" | "users:write")[];
        };
        CreatePaymentDto: {
            /**
             * @description Minor units of the invoice currency, > 0
             * @example 5000
             */
            amount_minor: number;
            /** @example 2026-04-02 */
            paid_on: string;
            reference?: string;
        };
        CreateProgramDto: {
            description?: string;
            /** @example Website relaunch */
            name: string;
            /**
             * Format: uuid
             * @description Parent program (sub-programs inherit its grants)
             */
            parent_id?: string;
            /**
             * @default active
             * @enum {string}
             */
            status: "active" | "on_hold" | "closed";
        };
        CreatePushSubscriptionDto: {
            /**
             * Format: uri
             * @description The push service endpoint (https)
             */
            endpoint: string;
            /** @description Ignored (browsers send null) */
            expirationTime?: number | null;
            keys: components["schemas"]["PushSubscriptionKeysDto"];
        };
        CreateRoleDto: {
            description?: string;
            /**
             * @description Key of the role whose permissions it inherits
             * @example member
             */
            inherits?: string;
            /**
             * @description Lowercase letters, digits and _
             * @example reviewer
             */
            key: string;
            /** @example Reviewer */
            name: string;
            /**
             * @example [
             *       "tasks:read",
             *       "workflows:vote"
             *     ]
             */
            permissions: string[];
        };
        CreateTaskDto: {
            /** Format: uuid */
            assignee_id?: string | null;
            description?: string;
            /**
             * Format: date
             * @example 2026-12-31
             */
            due_date?: string | null;
            estimate_minutes?: number | null;
            /** @default 3 */
            priority: number;
            /** Format: uuid */
            program_id: string;
            /**
             * @default todo
             * @enum {string}
             */
            status: "todo" | "in_progress" | "blocked" | "done" | "cancelled";
            /** @example Draft the launch plan */
            title: string;
        };
        CreateUserDto: {
            /** @example ada@example.com */
            email: string;
            /** @example Ada Lovelace */
            name: string;
            /** @description At least 12 characters */
            password: string;
            /**
             * @description Tenant-wide role keys
             * @example [
             *       "member"
             *     ]
             */
            roles?: string[];
        };
        CreateWebhookDto: {
            /** @default true */
            active: boolean;
            description?: string;
            /**
             * @description Event types, `prefix.*` or `*`
             * @example [
             *       "task.*",
             *       "invoice.issued"
             *     ]
             */
            event_types: string[];
            /**
             * @description https in production
             * @example https://erp.example.com/hooks/oversing
             */
            url: string;
        };
        CreateWorkflowDto: {
            /**
             * @description Allow entering a done state with open blockers
             * @default false
             */
            allow_open_blockers: boolean;
            description?: string;
            /** @description key of the state new instances start in */
            initial_state: string;
            /**
             * @description Tasks without a workflow follow the default one
             * @default false
             */
            is_default: boolean;
            /** @example Reviewed delivery */
            name: string;
            states: components["schemas"]["WorkflowStateDto"][];
            transitions: components["schemas"]["WorkflowTransitionDto"][];
        };
        CreateWorkLogDto: {
            /** @default true */
            billable: boolean;
            /**
             * @description ISO 4217 code of the rate
             * @example EUR
             */
            currency: string;
            description?: string;
            /** @example 90 */
            duration_minutes: number;
            /**
             * @description Cost rate per hour in minor units of `currency`
             * @default 0
             */
            rate_minor: number;
            /** Format: uuid */
            task_id: string;
            /**
             * Format: uuid
             * @description Whose time this is; defaults to the caller. Logging for someone else needs work-logs:approve.
             */
            user_id?: string;
            /**
             * @description Calendar date of the work (YYYY-MM-DD)
             * @example 2026-03-16
             */
            work_date: string;
        };
        DecideExpenseDto: {
            /** @enum {string} */
            status: "approved" | "rejected";
        };
        DecisionReasonDto: {
            /** @example Sources checked against the contract */
            reason: string;
        };
        DeletePushSubscriptionDto: {
            /**
             * Format: uri
             * @description The endpoint of the subscription to remove
             */
            endpoint: string;
        };
        ExecuteWorkflowDto: {
            /** Format: uuid */
            task_id: string;
            /** @description key of the target state */
            to_state: string;
            /** @description task version being transitioned (like If-Match); 409 when stale */
            version?: number;
        };
        ExportEnvelopeDto: {
            data: components["schemas"]["ExportResponseDto"];
        };
        ExportListEnvelopeDto: {
            data: components["schemas"]["ExportResponseDto"][];
        };
        ExportProgressDto: {
            percent: number;
            processed_rows: number;
            /** @description known once the worker has counted the rows */
            total_rows: number | null;
        };
        ExportResponseDto: {
            byte_size: number | null;
            /** Format: date-time */
            completed_at: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            download_expires_at: string | null;
            /** @description once completed: a signed link that downloads the file without a token, valid for 10 minutes */
            download_url: string | null;
            error: string | null;
            /**
             * Format: date-time
             * @description the export and its file are deleted after this
             */
            expires_at: string;
            /** @example tasks-2026-12-05.csv */
            file_name: string;
            filters: components["schemas"]["TaskExportFiltersDto"];
            /** @enum {string} */
            format: "csv";
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "tasks";
            progress: components["schemas"]["ExportProgressDto"];
            /** @enum {string} */
            status: "queued" | "running" | "completed" | "failed";
        };
        ForgotPasswordDto: {
            email: string;
        };
        GroupRoleDto: {
            role: string;
        };
        InviteUserDto: {
            /** @example ada@example.com */
            email: string;
            /** @example Ada Lovelace */
            name: string;
            /**
             * @description Tenant-wide role keys
             * @example [
             *       "member"
             *     ]
             */
            roles?: string[];
        };
        ListLinks: {
            next: string | null;
        };
        ListLinksDto: {
            next: string | null;
        };
        ListMeta: {
            count: number;
            has_more: boolean;
            limit: number;
            next_cursor: string | null;
        };
        ListMetaDto: {
            count: number;
            has_more: boolean;
            limit: number;
            next_cursor: string | null;
        };
        LlmOutputDto: {
            /**
             * @description What the model was given (any JSON)
             * @example {
             *       "prompt": "Summarise the brief"
             *     }
             */
            input: Record<string, never>;
            /** @example gpt-4o */
            model: string;
            /**
             * @description What the model returned (any JSON)
             * @example The brief asks for…
             */
            output: Record<string, never>;
            /** @example openai */
            provider: string;
        };
        MarkAllReadDto: {
            marked: number;
        };
        MarkAllReadEnvelopeDto: {
            data: components["schemas"]["MarkAllReadDto"];
        };
        NotificationDto: {
            body: string;
            /** Format: date-time */
            created_at: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            read_at?: string | null;
            /** Format: uuid */
            task_id?: string | null;
            title: string;
            /** @example task.assigned */
            type: string;
            /**
             * @description Path in the PWA to open
             * @example /?task=…
             */
            url: string;
        };
        NotificationEnvelopeDto: {
            data: components["schemas"]["NotificationDto"];
        };
        NotificationListDto: {
            data: components["schemas"]["NotificationDto"][];
            meta: components["schemas"]["NotificationListMetaDto"];
        };
        NotificationListMetaDto: {
            count: number;
            has_more: boolean;
            next_cursor: string | null;
            /** @description The user's unread notifications in all */
            unread_count: number;
        };
        NotificationPreferenceDto: {
            email: boolean;
            /** @description The notification centre and the live event: always on */
            in_app: boolean;
            label: string;
            push: boolean;
            /** @example task.assigned */
            type: string;
        };
        NotificationPreferencesEnvelopeDto: {
            data: components["schemas"]["NotificationPreferenceDto"][];
        };
        OnCertificationDto: {
            /**
             * @description state to move to when the certification is approved
             * @example done
             */
            approved?: string;
            /**
             * @description state to move to when the certification is rejected
             * @example doing
             */
            rejected?: string;
            /**
             * @description state to move to when the certification is revoked
             * @example doing
             */
            revoked?: string;
        };
        PolicyRuleResultDto: {
            /** @description Where the rule found what it reports, as offsets into the output text the rules read (a string output as is, JSON in RFC 8785 canonical form); the matched text is never repeated here. Present on failed rules that locate their matches (PII), absent on certifications issued before findings were recorded. */
            findings?: components["schemas"]["RuleFindingDto"][];
            hard: boolean;
            name: string;
            passed: boolean;
            reason: string;
            score: number;
        };
        PreferenceChangeDto: {
            email: boolean;
            push: boolean;
            /** @example task.assigned */
            type: string;
        };
        ProgramMemberDto: {
            /**
             * @description Role key, granted on this program and its sub-programs
             * @example project_manager
             */
            role: string;
            /** Format: uuid */
            user_id: string;
        };
        ProgramOverviewDto: {
            /** @description open tasks waiting on an unfinished blocker */
            blocked_by_dependencies: number;
            burn_up: components["schemas"]["BurnUpPointDto"][];
            /** @description open tasks past their due date */
            overdue: number;
            /** Format: uuid */
            program_id: string | null;
            /**
             * @example {
             *       "todo": 4,
             *       "in_progress": 2,
             *       "blocked": 1,
             *       "done": 9,
             *       "cancelled": 0
             *     }
             */
            status_counts: {
                [key: string]: number;
            };
            total: number;
        };
        ProgramOverviewEnvelopeDto: {
            data: components["schemas"]["ProgramOverviewDto"];
        };
        PushSubscriptionEnvelopeDto: {
            data: components["schemas"]["PushSubscriptionResponseDto"];
        };
        PushSubscriptionKeysDto: {
            /** @description The browser's authentication secret (16 bytes, base64url) */
            auth: string;
            /** @description The browser's P-256 public key (65 bytes, base64url) */
            p256dh: string;
        };
        PushSubscriptionResponseDto: {
            /** Format: date-time */
            created_at: string;
            /** Format: uri */
            endpoint: string;
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            updated_at: string;
        };
        RejectTimeCardDto: {
            /** @example Tuesday is missing */
            reason: string;
        };
        RequestCertificationDto: {
            /**
             * @description key of the Runcible governance policy to certify under
             * @example default
             */
            policy_key: string;
        };
        RequestTaskCertificationDto: {
            /**
             * @description Key of the governance policy (its latest version)
             * @example default
             */
            policy_key: string;
            /**
             * Format: uuid
             * @description The task whose llm_output is to be certified
             */
            task_id: string;
        };
        ResetPasswordDto: {
            password: string;
            token: string;
        };
        RuleFindingDto: {
            /** @description UTF-16 offset into the output text, exclusive */
            end: number;
            /**
             * @description what was found (the PII detector: email, phone, card, iban, national_id)
             * @example email
             */
            kind: string;
            /** @description UTF-16 offset into the output text, inclusive */
            start: number;
        };
        SearchEnvelopeDto: {
            data: components["schemas"]["SearchHitDto"][];
            links: Record<string, never>;
            meta: components["schemas"]["SearchMetaDto"];
        };
        SearchHitDto: {
            /**
             * @description Where the record is read through the API
             * @example /api/v1/tasks/…
             */
            href: string;
            /** Format: uuid */
            id: string;
            /** @description Relevance from 0 to 1 (full-text rank or word similarity); hits are ordered by it */
            rank: number;
            /** @description Where it belongs or its state, e.g. "Website relaunch · in progress" */
            subtitle: string;
            /** @description What the record is called: title, name or invoice number and client */
            title: string;
            /** @enum {string} */
            type: "task" | "program" | "user" | "invoice";
        };
        SearchMetaDto: {
            /** @description The query as searched (trimmed) */
            query: string;
            /** @description The kinds of records searched */
            types: string[];
        };
        SocketTokenAuthDto: {
            /** @example private-task.6f1c… */
            channel_name: string;
            /** @example 1234.5678 */
            socket_id: string;
            /** @description A token from POST /api/v1/broadcasting/socket-token (valid 60 s) */
            socket_token: string;
        };
        TaskArrayEnvelopeDto: {
            data: components["schemas"]["TaskResponseDto"][];
        };
        TaskCertificationDto: {
            /** Format: uuid */
            id: string;
            /** @example RC-2026-000042 */
            number: string;
            risk_score: number;
            /** @enum {string} */
            status: "certified" | "pending_review" | "approved" | "rejected" | "revoked" | "expired";
        };
        TaskDependenciesDto: {
            /** @description Tasks that must finish before this one */
            blocked_by: components["schemas"]["TaskDependencyDto"][];
            /** @description Tasks waiting for this one */
            blocks: components["schemas"]["TaskDependencyDto"][];
        };
        TaskDependenciesEnvelopeDto: {
            data: components["schemas"]["TaskDependenciesDto"];
        };
        TaskDependencyDto: {
            /**
             * @description Its status; null as for the title
             * @enum {string|null}
             */
            status: "todo" | "in_progress" | "blocked" | "done" | "cancelled" | null;
            /**
             * Format: uuid
             * @description The other task of the dependency
             */
            task_id: string;
            /** @description Its title; null when the caller may not read that task */
            title: string | null;
            /** @example finish_to_start */
            type: string;
        };
        TaskEnvelopeDto: {
            data: components["schemas"]["TaskResponseDto"];
        };
        TaskExportFiltersDto: {
            /**
             * Format: uuid
             * @description null: unassigned tasks
             */
            assignee?: string | null;
            /** Format: uuid */
            program?: string;
            /** @description full-text search in title and description */
            q?: string;
            status?: ("todo" | "in_progress" | "blocked" | "done" | "cancelled")[];
        };
        TaskListEnvelopeDto: {
            data: components["schemas"]["TaskResponseDto"][];
            links: components["schemas"]["ListLinksDto"];
            meta: components["schemas"]["ListMetaDto"];
        };
        TaskResponseDto: {
            /** Format: uuid */
            assignee_id: string | null;
            /** @description Its latest certification (by issue time); null when none was issued */
            certification: components["schemas"]["TaskCertificationDto"] | null;
            /** Format: date-time */
            completed_at: string | null;
            /** Format: date-time */
            created_at: string;
            description: string;
            /** Format: date */
            due_date: string | null;
            estimate_minutes: number | null;
            /** Format: uuid */
            id: string;
            llm_output: components["schemas"]["LlmOutputDto"] | null;
            priority: number;
            /** Format: uuid */
            program_id: string;
            /** @enum {string} */
            status: "todo" | "in_progress" | "blocked" | "done" | "cancelled";
            title: string;
            /** Format: date-time */
            updated_at: string;
            /** @description Optimistic concurrency: the ETag is this number in quotes */
            version: number;
            /** @description Its workflow and state; null when it follows none and the tenant has no default workflow */
            workflow: components["schemas"]["TaskWorkflowDto"] | null;
        };
        TaskWorkflowDto: {
            /**
             * Format: uuid
             * @description The workflow the task follows
             */
            id: string;
            /**
             * Format: uuid
             * @description The workflow instance; null until the first transition attaches the task (in the state shown)
             */
            instance_id: string | null;
            /** @description Votes belong to a round; every transition starts a new one */
            round: number;
            /**
             * @description Key of the current state
             * @example in_progress
             */
            state: string;
            /** @example In progress */
            state_name: string;
        };
        TimeReportDto: {
            /**
             * @description 'own' unless the caller approves work logs
             * @enum {string}
             */
            covers: "everyone" | "own";
            /** Format: date */
            from: string;
            rows: components["schemas"]["TimeReportRowDto"][];
            /** Format: date */
            to: string;
            totals: components["schemas"]["TimeReportTotalsDto"];
        };
        TimeReportEnvelopeDto: {
            data: components["schemas"]["TimeReportDto"];
        };
        TimeReportRowDto: {
            billable_minutes: number;
            non_billable_minutes: number;
            /** Format: uuid */
            program_id: string;
            program_name: string;
            /** Format: uuid */
            user_id: string;
            user_name: string;
            /** Format: date */
            week_start: string;
        };
        TimeReportTotalsDto: {
            billable_minutes: number;
            non_billable_minutes: number;
        };
        TotpCodeDto: {
            /** @example 123456 */
            code: string;
        };
        TransitionTaskDto: {
            /**
             * @description key of the target state
             * @example in_progress
             */
            to_state: string;
            /**
             * Format: uuid
             * @description Workflow to attach a task that has none yet (default: the tenant default workflow)
             */
            workflow_id?: string;
        };
        UpdateBudgetDto: {
            /** @example 2500000 */
            planned_minor: number;
        };
        UpdateContractDto: {
            cap_minor?: Record<string, never> | null;
            client_name?: string;
            hourly_rate_minor?: number;
        };
        UpdateInvoiceDto: {
            notes?: string;
            /** @example 700 */
            tax_rate_bp?: number;
        };
        UpdateNotificationPreferencesDto: {
            preferences: components["schemas"]["PreferenceChangeDto"][];
        };
        UpdateProgramDto: {
            description?: string;
            name?: string;
            /**
             * Format: uuid
             * @description null makes it a top-level program
             */
            parent_id?: Record<string, never> | null;
            /** @enum {string} */
            status?: "active" | "on_hold" | "closed";
        };
        UpdateTaskDto: {
            /** Format: uuid */
            assignee_id?: string | null;
            description?: string;
            /** Format: date */
            due_date?: string | null;
            estimate_minutes?: number | null;
            /** @description The LLM output the task relies on (certified when the workflow requests it); null clears it */
            llm_output?: components["schemas"]["LlmOutputDto"] | null;
            priority?: number;
            /**
             * Format: uuid
             * @description Move the task to another program
             */
            program_id?: string;
            /** @enum {string} */
            status?: "todo" | "in_progress" | "blocked" | "done" | "cancelled";
            title?: string;
        };
        UpdateUserDto: {
            name?: string;
            /** @enum {string} */
            status?: "active" | "disabled";
        };
        UpdateWebhookDto: {
            active?: boolean;
            description?: string;
            /**
             * @example [
             *       "task.*"
             *     ]
             */
            event_types?: string[];
            url?: string;
        };
        UpdateWorkLogDto: {
            billable?: boolean;
            /** @example EUR */
            currency?: string;
            description?: string;
            duration_minutes?: number;
            rate_minor?: number;
            /** Format: uuid */
            task_id?: string;
            /** @example 2026-03-16 */
            work_date?: string;
        };
        VapidPublicKeyDto: {
            /** @description applicationServerKey for PushManager.subscribe (base64url P-256 public key) */
            public_key: string;
        };
        VapidPublicKeyEnvelopeDto: {
            data: components["schemas"]["VapidPublicKeyDto"];
        };
        VoteDto: {
            comment?: string;
            /** @enum {string} */
            decision: "approve" | "reject";
            /** @description true to replace your earlier vote of this round (its decision and comment); without it a second vote is refused with 409 */
            replace?: boolean;
            /** Format: uuid */
            task_id: string;
            /** @description key of the target state of the transition voted on (from the current state) */
            to_state: string;
        };
        WorkflowStateDto: {
            /**
             * @description The task status a task gets in this state
             * @enum {string}
             */
            category: "todo" | "in_progress" | "blocked" | "done" | "cancelled";
            /** @example review */
            key: string;
            /** @example In review */
            name: string;
            /** @description While a task is in this state, a decision on its certification moves it to the named state (approval advances it; rejection or revocation sends it back). Applied when the decision reaches Oversing through the certification service's status feed, whoever made it. */
            on_certification?: components["schemas"]["OnCertificationDto"];
            /** @description Entering the state asks the certification service to certify the task's llm_output under this policy (after commit; never blocks the transition) */
            request_certification?: components["schemas"]["RequestCertificationDto"];
            /**
             * @description Entering requires a valid certification
             * @default false
             */
            requires_certification: boolean;
        };
        WorkflowTransitionDto: {
            /** @description approvals required (threshold) */
            approvals_required?: number;
            /** @description eligible approvers: holders of this role (or a descendant role) */
            approver_role?: string;
            /** @description eligible approvers: these users */
            approver_user_ids?: string[];
            /** @description key of the source state */
            from: string;
            name?: string;
            /** @description votes that must be cast (any decision) */
            quorum?: number;
            required_fields?: ("assignee_id" | "due_date" | "estimate_minutes" | "description")[];
            /** @description the caller must hold one of these roles */
            required_roles?: string[];
            /** @description key of the target state */
            to: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    QueueDashboard_open: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The session and where the dashboard is */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission admin:queues */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Audit_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                /** @description user or client id */
                "filter[actor]"?: unknown;
                "filter[entity_id]"?: unknown;
                "filter[entity_type]"?: unknown;
                /** @description ISO 8601, inclusive */
                "filter[from]"?: unknown;
                /** @description ISO 8601, exclusive */
                "filter[to]"?: unknown;
                limit?: unknown;
                /** @description commit order: position (oldest first, the default) or -position (newest first) */
                sort?: "position" | "-position";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Audit events of the tenant, in commit order (oldest first unless sort=-position) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission audit:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_forgot: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ForgotPasswordDto"];
            };
        };
        responses: {
            /** @description Always accepted, whether or not the account exists */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_reset: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResetPasswordDto"];
            };
        };
        responses: {
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_disableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCodeDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_enableTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TotpCodeDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Auth_setupTotp: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Broadcasting_auth: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ChannelAuthDto"];
            };
        };
        responses: {
            /** @description Pusher auth signature `{auth, channel_data?}` (not enveloped, as pusher-js expects) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Broadcasting_authWithSocketToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SocketTokenAuthDto"];
            };
        };
        responses: {
            /** @description Pusher auth signature for a socket token holder */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Broadcasting_socketToken: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A 60-second token authorizing channels for a socket on another host */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                /** @description ISO 8601, inclusive */
                "filter[created_from]"?: unknown;
                /** @description ISO 8601, exclusive */
                "filter[created_to]"?: unknown;
                /** @description policy key */
                "filter[policy]"?: unknown;
                /** @description program id (the task's program) */
                "filter[program]"?: unknown;
                /** @description 0..1, inclusive */
                "filter[risk_max]"?: unknown;
                /** @description 0..1, inclusive */
                "filter[risk_min]"?: unknown;
                /** @description name of a policy rule the output failed */
                "filter[rule]"?: unknown;
                /** @description comma-separated, e.g. pending_review */
                "filter[status]"?: unknown;
                /** @description task id */
                "filter[task]"?: unknown;
                limit?: unknown;
                /** @description created_at, status_at, risk_score; - for descending (default -created_at) */
                sort?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationListEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_request: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RequestTaskCertificationDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:review */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_audit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationAuditEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission audit:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_bundle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The certificate bundle (docs/VERIFYING.md) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:review */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecisionReasonDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:revoke */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_verify: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationVerificationEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Certifications_versions: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CertificationArrayEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission certifications:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    PublicConfig_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Public configuration for clients */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Exports_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller's latest 20 exports, newest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportListEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Exports_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExportDto"];
            };
        };
        responses: {
            /** @description Queued; poll GET /api/v1/exports/{id} for progress and, once completed, the download link */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Exports_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExportEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Exports_download: {
        parameters: {
            query: {
                expires: unknown;
                signature: unknown;
                tenant: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The file, as an attachment */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_listBudgets: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_createBudget: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBudgetDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_budget: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Planned vs actual (approved billable time and approved expenses) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_updateBudget: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBudgetDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_listContracts: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_createContract: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateContractDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_getContract: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_updateContract: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateContractDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_listRates: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_createRate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExchangeRateDto"];
            };
        };
        responses: {
            /** @description A dated exact rate: `rate` as a decimal string, or numerator/denominator */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_listExpenses: {
        parameters: {
            query?: {
                "filter[program]"?: unknown;
                "filter[status]"?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_createExpense: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateExpenseDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_getExpense: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Financial_decideExpense: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DecideExpenseDto"];
            };
        };
        responses: {
            /** @description Approves or rejects a submitted expense (not one’s own) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_list: {
        parameters: {
            query?: {
                "filter[contract]"?: unknown;
                "filter[status]"?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateInvoiceDto"];
            };
        };
        responses: {
            /** @description Drafts an invoice from approved billable time and expenses of the period */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deletes a draft and releases its items */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateInvoiceDto"];
            };
        };
        responses: {
            /** @description Edits a draft; issued invoices are immutable (422) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_issue: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Numbers the draft (INV-YYYY-NNNN, gap-free per tenant) and issues it */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_pay: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePaymentDto"];
            };
        };
        responses: {
            /** @description Records a partial or full payment; overpayment is refused (422) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Invoices_void: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission financial:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Roles_groups: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Roles_createGroup: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateGroupDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission roles:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Roles_addMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddMemberDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission roles:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Roles_assignGroupRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["GroupRoleDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission roles:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Notifications_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                /** @description 1..100, default 20 */
                limit?: unknown;
                unread?: "true" | "false";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Newest first; meta.unread_count counts all unread */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationListDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Notifications_markRead: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Notifications_preferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferencesEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Notifications_updatePreferences: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateNotificationPreferencesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPreferencesEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Notifications_markAllRead: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MarkAllReadEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OAuthClients_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission clients:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OAuthClients_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateOAuthClientDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission clients:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    OAuthClients_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                clientId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission clients:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Roles_permissions: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                fields?: unknown;
                /** @description a program id, or "null" for top-level */
                "filter[parent_id]"?: unknown;
                "filter[status]"?: unknown;
                limit?: unknown;
                /** @description name, created_at (prefix - for descending) */
                sort?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateProgramDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The program, with its ETag */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateProgramDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_members: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_addMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProgramMemberDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Programs_removeMember: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ProgramMemberDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission programs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Push_subscribe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePushSubscriptionDto"];
            };
        };
        responses: {
            /** @description Stores the browser subscription for the signed-in user; idempotent by endpoint. Notifications: task assignments and certification decisions, JSON {type, title, body, url, tag, task_id} */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PushSubscriptionEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Push_unsubscribe: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeletePushSubscriptionDto"];
            };
        };
        responses: {
            /** @description Removed; 404 when the user has no subscription with this endpoint */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Push_vapidPublicKey: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VapidPublicKeyEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Reports_programOverview: {
        parameters: {
            query?: {
                /** @description one program (default: every program you may read) */
                program?: unknown;
                /** @description weeks of burn-up, 1–52 (default 12) */
                weeks?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProgramOverviewEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Reports_time: {
        parameters: {
            query?: {
                /** @description YYYY-MM-DD (default: 8 weeks before to) */
                from?: unknown;
                /** @description YYYY-MM-DD (default: today) */
                to?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TimeReportEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Roles_roles: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Roles_createRole: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRoleDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission roles:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Search_find: {
        parameters: {
            query: {
                /** @description at most this many hits, 1–50 (default 20) */
                limit?: unknown;
                /** @description what to look for; typos are tolerated (1–200 characters) */
                q: unknown;
                /** @description comma-separated kinds to search: task, program, user, invoice (default: all you may read) */
                types?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Hits across the tenant, best first, only of records the caller may open */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Sync_sync: {
        parameters: {
            query?: {
                /** @description last sequence number seen (default 0) */
                after?: unknown;
                /** @description 1..1000, default 500 */
                limit?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant's domain events after the given sequence number that the caller may read, in order; meta.last_sequence is the cursor for the next call (it also moves past events the caller may not read) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                /** @description sparse fieldset, e.g. title,status */
                fields?: unknown;
                /** @description user id, or "none" */
                "filter[assignee]"?: unknown;
                /** @description YYYY-MM-DD, inclusive */
                "filter[due_from]"?: unknown;
                /** @description YYYY-MM-DD, inclusive */
                "filter[due_to]"?: unknown;
                "filter[program]"?: unknown;
                /** @description full-text search in title and description */
                "filter[q]"?: unknown;
                /** @description comma-separated statuses */
                "filter[status]"?: unknown;
                /** @description comma-separated state keys: tasks currently in one of them */
                "filter[workflow_state]"?: unknown;
                /** @description workflow id: tasks following it (tasks without an instance follow the default workflow) */
                "filter[workflow]"?: unknown;
                limit?: unknown;
                /** @description created_at, updated_at, due_date, priority, title, status; - for descending */
                sort?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskListEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTaskDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_bulkUpdate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkUpdateTasksDto"];
            };
        };
        responses: {
            /** @description Applies the same changes to every listed task, all or nothing */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskArrayEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_remove: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_assign: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_dependencies: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDependenciesEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_addDependency: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AddDependencyDto"];
            };
        };
        responses: {
            /** @description Adds a finish-to-start dependency; a cycle is refused with 422 naming it in words */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskDependenciesEnvelopeDto"];
                };
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_removeDependency: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blockerId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Tasks_history: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every change of the task from the audit trail, oldest first, with before and after */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskWorkflow_getWorkflow: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task’s workflow and state, and each transition out of it with the vote tally of the current round */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TaskWorkflow_transitionTask: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the task version; 409 when stale */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TransitionTaskDto"];
            };
        };
        responses: {
            /** @description Transitions the task to another state of its workflow */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission tasks:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TimeCards_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                "filter[status]"?: unknown;
                "filter[user]"?: unknown;
                /** @description ISO week, e.g. 2026-W12 */
                "filter[week]"?: unknown;
                limit?: unknown;
                sort?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TimeCards_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The card with its work logs and totals */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TimeCards_approve: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A manager other than the owner approves a submitted card */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:approve */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TimeCards_reject: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectTimeCardDto"];
            };
        };
        responses: {
            /** @description A manager other than the owner sends a submitted card back */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:approve */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    TimeCards_submit: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The owner submits the card; its time is locked from now on */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateUserDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateUserDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Privacy_erase: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Pseudonymizes the user (name, email, password, second factor), sets status erased, removes their access and revokes their OAuth grants; ids stay so history resolves. Administrators only, not yourself. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:erase */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Privacy_export: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Everything about the user as JSON: profile, role assignments, group memberships, tasks created and assigned, work logs, time cards, votes and the audit events they caused. Yourself, or with users:write. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_resendInvitation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_assignRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignRoleDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission roles:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_unassignRole: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AssignRoleDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission roles:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_invite: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InviteUserDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission users:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Users_me: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed-in user (or the client, for client credentials tokens); for a user, `permissions` held tenant-wide and `context_permissions` held only on some programs or tasks, within the token scopes */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                /** @description true or false */
                "filter[active]"?: unknown;
                limit?: unknown;
                /** @description created_at (prefix - for descending) */
                sort?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant’s webhook subscriptions (never their secrets) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission webhooks:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            /** @description The subscription with its signing secret, shown only now. Deliveries are POSTed as JSON {id, type, tenant_id, sequence, entity_type, entity_id, occurred_at, data} with X-Oversing-Event, X-Oversing-Delivery (idempotency id) and X-Oversing-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the secret> */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission webhooks:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission webhooks:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_remove: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being deleted */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission webhooks:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission webhooks:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_deliveries: {
        parameters: {
            query?: {
                cursor?: unknown;
                "filter[event_type]"?: unknown;
                /** @description pending, delivered or dead */
                "filter[status]"?: unknown;
                limit?: unknown;
                /** @description created_at (default -created_at) */
                sort?: unknown;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Delivery log: status, attempts, next attempt, last response code, error and duration */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission webhooks:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Webhooks_rotateSecret: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Replaces the signing secret; the new one is shown only now */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission webhooks:manage */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Witness_addCheckpoint: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Witness_checkpoint: {
        parameters: {
            query: {
                origin: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Witness_key: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WorkLogs_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                fields?: unknown;
                /** @description true or false */
                "filter[billable]"?: unknown;
                /** @description YYYY-MM-DD */
                "filter[from]"?: unknown;
                "filter[task]"?: unknown;
                "filter[time_card]"?: unknown;
                /** @description YYYY-MM-DD */
                "filter[to]"?: unknown;
                "filter[user]"?: unknown;
                limit?: unknown;
                /** @description work_date, created_at, duration_minutes; - for descending */
                sort?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The caller’s work logs (everyone’s with work-logs:approve) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WorkLogs_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWorkLogDto"];
            };
        };
        responses: {
            /** @description Logs time; files it in the user’s time card of that ISO week (422 when locked) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WorkLogs_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WorkLogs_remove: {
        parameters: {
            query?: never;
            header?: {
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    WorkLogs_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description ETag of the version being edited */
                "If-Match"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWorkLogDto"];
            };
        };
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission work-logs:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Workflows_list: {
        parameters: {
            query?: {
                cursor?: unknown;
                fields?: unknown;
                limit?: unknown;
                /** @description name, created_at; - for descending */
                sort?: unknown;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission workflows:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Workflows_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWorkflowDto"];
            };
        };
        responses: {
            /** @description Creates a workflow with its states and guarded transitions */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission workflows:write */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Workflows_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission workflows:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Workflows_execute: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExecuteWorkflowDto"];
            };
        };
        responses: {
            /** @description Transitions a task of this workflow (tasks:write on the task); 409 when `version` is stale or a concurrent transition won */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission workflows:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Workflows_states: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The states of the workflow in order, with where each can go */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission workflows:read */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
    Workflows_castVote: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["VoteDto"];
            };
        };
        responses: {
            /** @description Casts the caller’s vote (a second one in the round only with replace: true, else 409); returns the tally of the round */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Missing, invalid, expired or revoked access token */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Requires permission workflows:vote */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
        };
    };
}
