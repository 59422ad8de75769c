import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DatabaseProvider } from './db/DatabaseContext.tsx';

const queryClient = new QueryClient();

export function App() {
  const { t } = useTranslation();
  return (
    <QueryClientProvider client={queryClient}>
      <DatabaseProvider>
        <main>
          <h1>{t('app.name')}</h1>
        </main>
      </DatabaseProvider>
    </QueryClientProvider>
  );
}
