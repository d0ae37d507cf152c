import { connectorSchema, connectorTokenSchema, type CreateConnectorTokenRequest, createdConnectorTokenSchema, pageSchema } from '@certlab/contracts';
import { apiClient } from '../../../lib/api-client';
import { useMutation } from '../../../lib/use-mutation';
import { useQuery } from '../../../lib/use-query';

/** GET /api/connectors?… */
export function listConnectors(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/connectors?${query}`, pageSchema(connectorSchema), signal);
}

/** GET /api/connector-registration-tokens?… */
export function listConnectorTokens(query: string, signal?: AbortSignal) {
  return apiClient.get(`/api/connector-registration-tokens?${query}`, pageSchema(connectorTokenSchema), signal);
}

/** POST /api/connector-registration-tokens: the token is shown once. */
export function createConnectorToken(body: CreateConnectorTokenRequest) {
  return apiClient.post('/api/connector-registration-tokens', body, createdConnectorTokenSchema);
}

/** Refreshes often: heartbeats are what this page is for. */
export function useConnectors(query: string) {
  return useQuery(`connectors?${query}`, (signal) => listConnectors(query, signal), { refetchIntervalMs: 5_000 });
}

export function useConnectorTokens(query: string) {
  return useQuery(`connector-tokens?${query}`, (signal) => listConnectorTokens(query, signal), { refetchIntervalMs: 10_000 });
}

export function useCreateConnectorToken() {
  return useMutation(createConnectorToken);
}
