/**
 * Atomic's documentation samples, verbatim (values untouched; keys unquoted and strings
 * single-quoted only as TypeScript style), plus one body per catalogue type for tests and
 * `createTestRequest`.
 * Source: seed 001 = Atomic's webhook reference (https://docs.atomicfi.com/paylink/reference/webhooks);
 * line numbers refer to `001_6fea0eb76903572f.txt`. Its "JSON Schema" block describes the task
 * event and is not a sample body, so it is left out.
 */
import type { DocSample } from '../../doc-sample.js';
import type { AtomicEventType } from './catalog.js';

const SEED = '001_6fea0eb76903572f.txt';

// ---- documentation samples ---------------------------------------------------------------------

/** Seed 001, line 28: "Event object" section, "Sample Request Body". */
const sampleEventType = {
  eventType: 'sample-event-type',
  eventTime: '2020-01-28T22:04:18.778Z',
  user: {
    _id: '5c17c632e1d8ca3b08b2586f',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
  },
  data: {
    hello: 'world',
  },
};

/** Seed 001, line 69: "Task Event Object" section, "Sample". */
const taskEventObject = {
  eventType: 'task-status-updated',
  eventTime: '2020-01-28T22:04:18.778Z',
  publicToken: 'PUBLIC_TOKEN',
  product: 'deposit',
  user: {
    _id: '5d8d3fecbf637ef3b11a877a',
    identifier: 'YOUR_INTERNAL_IDENTIFIER',
    connected: true,
  },
  company: {
    _id: '5d9a3fecbf637ef3b11ab442',
    name: 'Home Depot',
    branding: {
      logo: {
        url: 'https://atomicfi-public-production.s3.amazonaws.com/979115f4-34a0-44f5-901e-753a33337444_atomic-logo-dark.png',
      },
    },
  },
  metadata: {
    orderId: '123',
  },
  task: '5e30afde097146a8fc3d5cec',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    previousStatus: 'processing',
    status: 'completed',
    authenticated: true,
    distributionType: 'fixed',
    distributionAmount: 25,
  },
};

/** Seed 001, line 235: "Sample task-status-updated event". */
const taskStatusUpdated = {
  eventType: 'task-status-updated',
  eventTime: '2024-05-16T19:59:51.107Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  publicToken: '09601c31-1b54-4855-12ec-81810de154bd',
  authenticationMethod: 'true-auth',
  company: {
    _id: '5d77f9e1070856f3828945c5',
    name: 'Mocky',
    branding: {
      logo: {
        url: 'https://cdn.atomicfi.com/mocky-logo.svg',
      },
    },
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  product: 'deposit',
  data: {
    authenticated: true,
    previousStatus: 'processing',
    status: 'completed',
    distributionType: 'fixed',
    distributionAmount: 25,
  },
};

/** Seed 001, line 271: "Sample task-authentication-status-updated event". */
const taskAuthenticationStatusUpdated = {
  eventType: 'task-authentication-status-updated',
  eventTime: '2024-05-16T19:59:51.112Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  publicToken: '09601c31-1b54-4855-12ec-81810de154bd',
  authenticationMethod: 'true-auth',
  company: {
    _id: '5d77f9e1070856f3828945c5',
    name: 'Mocky',
    branding: {
      logo: {
        url: 'https://cdn.atomicfi.com/mocky-logo.svg',
      },
    },
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  product: 'deposit',
  data: {
    authenticated: true,
  },
};

/** Seed 001, line 311: "Sample task-status-patched event". */
const taskStatusPatched = {
  eventType: 'task-status-patched',
  eventTime: '2024-05-16T19:59:51.122Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  publicToken: '09601c31-1b54-4855-12ec-81810de154bd',
  authenticationMethod: 'true-auth',
  company: {
    _id: '5d77f9e1070856f3828945c5',
    name: 'Mocky',
    branding: {
      logo: {
        url: 'https://cdn.atomicfi.com/mocky-logo.svg',
      },
    },
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  product: 'deposit',
  data: {
    authenticated: true,
    previousStatus: 'failed',
    status: 'completed',
    distributionType: 'fixed',
    distributionAmount: 25,
  },
};

/** Seed 001, line 347: "Sample response for verify". */
const taskStatusUpdatedVerify = {
  eventType: 'task-status-updated',
  eventTime: '2021-05-24T18:27:09.610Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
  },
  publicToken: '09601c31-1b54-4855-12ec-81810de154bd',
  company: {
    _id: '5d77f9e1070856f3828945c5',
    name: 'Mocky',
    branding: {
      logo: {
        _id: '5eb62781b4b83f0008f639cc',
        url: 'https://cdn.atomicfi.com/mocky-logo.svg',
      },
    },
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  product: 'verify',
  data: {
    previousStatus: 'processing',
    status: 'completed',
    authenticated: true,
    outputs: {
      income: 45000,
      incomeType: 'yearly',
      annualIncome: 45000,
      hourlyIncome: 21.63,
      netHourlyRate: 18.44,
      employeeType: 'fulltime',
      employmentStatus: 'active',
      jobTitle: 'Product Manager',
      startDate: '2017-04-19T12:00:00.000Z',
      minimumMonthsOfEmployment: 58,
      weeklyHours: 40,
      payCycle: 'semimonthly',
      nextExpectedPayDate: '2020-06-30T12:00:00.000Z',
      currentPayPeriodStart: '2020-06-13T12:00:00.000Z',
      currentPayPeriodEnd: '2020-06-27T12:00:00.000Z',
      unpaidHoursInPayPeriod: 24,
      firstName: 'Jane',
      lastName: 'Appleseed',
      dateOfBirth: '1984-04-12T19:00:00.000Z',
      email: 'jappleseed@example.org',
      phone: '8015551111',
      ssn: '111223333',
      address: '123 Street St.',
      city: 'Provo',
      state: 'UT',
      postalCode: '84606',
      statements: [
        {
          date: '2020-06-15T12:00:00.000Z',
          payPeriodStartDate: '2020-05-27T12:00:00.000Z',
          payPeriodEndDate: '2020-06-12T12:00:00.000Z',
          grossAmount: 1875,
          ytdGrossAmount: 10000,
          netAmount: 1620,
          ytdNetAmount: 8000,
          hours: 96,
          deductions: [
            {
              category: 'taxes',
              label: 'Federal Income Tax',
              rawLabel: 'Federal Income Tax',
              amount: 200,
              ytdAmount: 2000,
            },
            {
              category: 'taxes',
              label: 'State Income Tax',
              rawLabel: 'Utah State Tax',
              amount: 50,
              ytdAmount: 500,
            },
            {
              category: 'other',
              label: 'Abc corp dd',
              rawLabel: 'Abc corp dd',
              amount: 5,
              ytdAmount: 50,
            },
          ],
          earnings: [
            {
              category: 'benefit',
              rawLabel: 'Social Security (Disability)',
              amount: 1000,
            },
            {
              category: 'bonus',
              rawLabel: 'Quarterly Bonus',
              amount: 2000,
              ytdAmount: 6000,
            },
            {
              category: 'overtime',
              rawLabel: 'Overtime Pay',
              amount: 100,
              ytdAmount: 1000,
              hours: 10,
              rate: 15,
            },
            {
              category: 'reimbursement',
              rawLabel: 'Gas Card',
              amount: 25.47,
              ytdAmount: 85.74,
            },
          ],
          paystub: {
            _id: '60abeff50836730008616fad',
            url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
          },
        },
        {
          date: '2020-05-31T12:00:00.000Z',
          payPeriodStartDate: '2020-05-11T12:00:00.000Z',
          payPeriodEndDate: '2020-05-26T12:00:00.000Z',
          grossAmount: 1875,
          hours: 88,
          deductions: [
            {
              category: 'taxes',
              label: 'Federal Income Tax',
              rawLabel: 'Federal Income Tax',
              amount: 200,
            },
            {
              category: 'taxes',
              label: 'State Income Tax',
              rawLabel: 'Utah State Tax',
              amount: 50,
            },
            {
              category: 'other',
              label: 'Abc corp dd',
              rawLabel: 'Abc corp dd',
              amount: 5,
            },
          ],
          paystub: {
            _id: '60abeff50836730008616fae',
            url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
          },
        },
      ],
      accounts: [
        {
          routingNumber: '123123123',
          accountNumber: '1122330000',
          type: 'checking',
          bankName: 'Molecular Bank',
          distributionType: 'percent',
          distributionAmount: 80,
        },
        {
          routingNumber: '456456456',
          accountNumber: 'XXXX1111',
          type: 'savings',
          bankName: 'Molecular Bank',
          distributionType: 'percent',
          distributionAmount: 20,
        },
      ],
      w2s: [
        {
          year: '2020-01-01T00:00:00.000Z',
          totalWages: 50000,
          form: {
            _id: '60abeff60836730008616faf',
            url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
          },
          parsedData: {
            taxYear: 2022,
            employeeTin: 'XXX-XX-1234',
            employerTin: '12-3456789',
            employerNameAddress: {
              name1: 'Tax Form Issuer, Inc',
              line1: '12021 Sunset Valley Dr',
              line2: 'Suite 230',
              city: 'Preston',
              state: 'VA',
              postalCode: '20191',
            },
            controlNumber: '012547 WY/OA7',
            employeeName: {
              first: 'Kris',
              last: 'Public',
            },
            employeeAddress: {
              line1: '1 Main St',
              line2: 'Apartment 123',
              city: 'Melrose',
              state: 'NY',
              postalCode: '12121',
            },
            wages: 44416.74,
            federalTaxWithheld: 6907.16,
            socialSecurityWages: 47162.92,
            socialSecurityTaxWithheld: 2924.1,
            medicareWages: 47162.92,
            medicareTaxWithheld: 683.86,
            socialSecurityTips: 134.25,
            allocatedTips: 149.75,
            dependentCareBenefit: 543.25,
            nonQualifiedPlan: 354.23,
            codes: [
              {
                code: 'C',
                amount: 301.5,
              },
              {
                code: 'D',
                amount: 2746.18,
              },
              {
                code: 'DD',
                amount: 4781.88,
              },
            ],
            statutory: false,
            retirementPlan: true,
            thirdPartySickPay: false,
            other: [
              {
                description: 'Housing',
                amount: 6500,
              },
              {
                code: 'Union Dues',
                amount: 1500,
              },
            ],
            stateTaxWithholding: [
              {
                stateTaxWithheld: 1726.78,
                state: 'OH',
                stateTaxId: 'OH 036-133505158F-01',
                stateIncome: 44416.74,
              },
            ],
            localTaxWithholding: [
              {
                localTaxWithheld: 427.62,
                localityName: 'Kirtland',
                state: 'OH',
                localIncome: 44416.74,
              },
            ],
          },
        },
      ],
      timesheets: [
        {
          type: 'unpaid',
          duration: 420,
          date: '2020-05-31T12:00:00.000Z',
        },
      ],
    },
  },
};

/** Seed 001, line 650: "Example Task Failure Event". */
const taskStatusUpdatedFailure = {
  eventType: 'task-status-updated',
  eventTime: '2024-05-16T19:59:51.140Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  publicToken: '09601c31-1b54-4855-12ec-81810de154bd',
  authenticationMethod: 'true-auth',
  company: {
    _id: '5d77f9e1070856f3828945c5',
    name: 'Mocky',
    branding: {
      logo: {
        url: 'https://cdn.atomicfi.com/mocky-logo.svg',
      },
    },
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  product: 'deposit',
  data: {
    authenticated: true,
    previousStatus: 'processing',
    status: 'failed',
    distributionType: 'fixed',
    distributionAmount: 25,
  },
};

/** Seed 001, line 710: "Sample task-workflow-finished event". */
const taskWorkflowFinished = {
  eventType: 'task-workflow-finished',
  eventTime: '2024-05-16T19:59:51.148Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  data: {
    taskWorkflow: '65d8e67c87dcfe39fa887be8',
    state: 'failed',
    failReason: 'bad-credentials',
    finishedTasks: [
      {
        _id: '65fdb065c555b36a6b290e8b',
        product: 'verify',
        status: 'failed',
        failReason: 'bad-credentials',
      },
    ],
    queuedTasks: [
      {
        product: 'deposit',
      },
    ],
  },
};

/** Seed 001, line 749: "Sample payroll-data-fetched event". */
const payrollDataFetched = {
  eventType: 'payroll-data-fetched',
  eventTime: '2024-05-16T19:59:51.155Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  metadata: {
    orderId: '123',
  },
  data: {
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
    payrollDataEvents: [
      'deposit-accounts-synced',
      'deposit-accounts-updated',
      'statements-synced',
      'income-synced',
      'income-updated',
      'identity-synced',
      'identity-updated',
      'employment-synced',
      'employment-updated',
      'taxes-synced',
      'timesheets-synced',
    ],
  },
};

/** Seed 001, line 823: "Sample deposit-switch-removed event". */
const depositSwitchRemoved = {
  eventType: 'deposit-switch-removed',
  eventTime: '2024-05-16T19:59:51.160Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    removedDepositAccount: {
      routingNumber: '456456456',
      accountNumber: 'XXXX1111',
      type: 'savings',
      bankName: 'Molecular Bank',
      distributionType: 'percent',
      distributionAmount: 20,
    },
    depositAccounts: [
      {
        routingNumber: '123123123',
        accountNumber: '1122330000',
        type: 'checking',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 100,
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 899: "Sample deposit-accounts-synced event". */
const depositAccountsSynced = {
  eventType: 'deposit-accounts-synced',
  eventTime: '2024-05-16T19:59:51.166Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    depositAccounts: [
      {
        routingNumber: '123123123',
        accountNumber: '1122330000',
        type: 'checking',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 80,
      },
      {
        routingNumber: '456456456',
        accountNumber: 'XXXX1111',
        type: 'savings',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 20,
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 973: "Sample deposit-accounts-added event". */
const depositAccountsAdded = {
  eventType: 'deposit-accounts-added',
  eventTime: '2024-05-16T19:59:51.170Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    depositAccounts: [
      {
        routingNumber: '123123123',
        accountNumber: '1122330000',
        type: 'checking',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 80,
      },
      {
        routingNumber: '456456456',
        accountNumber: 'XXXX1111',
        type: 'savings',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 20,
      },
    ],
    changes: [
      {
        routingNumber: '123123123',
        accountNumber: '1122330000',
        type: 'checking',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 80,
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1057: "Sample deposit-accounts-updated event". */
const depositAccountsUpdated = {
  eventType: 'deposit-accounts-updated',
  eventTime: '2024-05-16T19:59:51.174Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    depositAccounts: [
      {
        routingNumber: '123123123',
        accountNumber: '1122330000',
        type: 'checking',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 80,
      },
      {
        routingNumber: '456456456',
        accountNumber: 'XXXX1111',
        type: 'savings',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 20,
      },
    ],
    changes: [
      {
        routingNumber: '123123123',
        accountNumber: '1122330000',
        type: 'checking',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 80,
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1141: "Sample deposit-accounts-removed event". */
const depositAccountsRemoved = {
  eventType: 'deposit-accounts-removed',
  eventTime: '2024-05-16T19:59:51.179Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    depositAccounts: [
      {
        routingNumber: '123123123',
        accountNumber: '1122330000',
        type: 'checking',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 80,
      },
      {
        routingNumber: '456456456',
        accountNumber: 'XXXX1111',
        type: 'savings',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 20,
      },
    ],
    changes: [
      {
        routingNumber: '456456456',
        accountNumber: 'XXXX1111',
        type: 'savings',
        bankName: 'Molecular Bank',
        distributionType: 'percent',
        distributionAmount: 20,
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1214: "Sample linked-account-connected event". */
const linkedAccountConnected = {
  eventType: 'linked-account-connected',
  eventTime: '2024-05-16T19:59:51.183Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  data: {
    linkedAccount: {
      _id: '5f7212103a40e91f95ba376d',
      connector: {
        _id: '5d77f95207085632a58945c3',
        name: 'ADP',
        branding: {
          logo: {
            _id: '5eb62781b4b83f0008f6343c',
            url: 'https://cdn.atomicfi.com/adp-logo.svg',
          },
        },
      },
      company: {
        _id: '5d77f9e1070856f3828945c5',
        name: 'Mocky',
        branding: {
          logo: {
            url: 'https://cdn.atomicfi.com/mocky-logo.svg',
          },
        },
      },
    },
  },
};

/** Seed 001, line 1255: "Sample linked-account-disconnected event". */
const linkedAccountDisconnected = {
  eventType: 'linked-account-disconnected',
  eventTime: '2024-05-16T19:59:51.186Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  data: {
    linkedAccount: {
      _id: '5f7212103a40e91f95ba376d',
      connector: {
        _id: '5d77f95207085632a58945c3',
        name: 'ADP',
        branding: {
          logo: {
            _id: '5eb62781b4b83f0008f6343c',
            url: 'https://cdn.atomicfi.com/adp-logo.svg',
          },
        },
      },
      company: {
        _id: '5d77f9e1070856f3828945c5',
        name: 'Mocky',
        branding: {
          logo: {
            url: 'https://cdn.atomicfi.com/mocky-logo.svg',
          },
        },
      },
    },
  },
};

/** Seed 001, line 1313: "Sample employment-synced event". */
const employmentSynced = {
  eventType: 'employment-synced',
  eventTime: '2024-05-16T19:59:51.193Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    employment: {
      employeeType: 'fulltime',
      employmentStatus: 'active',
      jobTitle: 'Product Manager',
      startDate: '2017-04-19T12:00:00.000Z',
      minimumMonthsOfEmployment: 58,
      weeklyHours: 40,
      employer: {
        name: 'Company Inc.',
        address: {
          line1: '12345 Enterprise Rd',
          line2: 'Suite 105',
          city: 'Salt Lake City',
          state: 'UT',
          postalCode: '84111',
          country: 'USA',
        },
      },
    },
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1388: "Sample employment-updated event". */
const employmentUpdated = {
  eventType: 'employment-updated',
  eventTime: '2024-05-16T19:59:51.197Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    employment: {
      employeeType: 'fulltime',
      employmentStatus: 'active',
      jobTitle: 'Product Manager',
      startDate: '2017-04-19T12:00:00.000Z',
      minimumMonthsOfEmployment: 58,
      weeklyHours: 40,
      employer: {
        name: 'Company Inc.',
        address: {
          line1: '12345 Enterprise Rd',
          line2: 'Suite 105',
          city: 'Salt Lake City',
          state: 'UT',
          postalCode: '84111',
          country: 'USA',
        },
      },
    },
    changes: {
      jobTitle: {
        previous: 'Product Intern',
        current: 'Product Manager',
      },
    },
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1471: "Sample identity-synced event". */
const identitySynced = {
  eventType: 'identity-synced',
  eventTime: '2024-05-16T19:59:51.202Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    identity: {
      firstName: 'Jane',
      lastName: 'Appleseed',
      dateOfBirth: '1984-04-12T12:00:00.000Z',
      email: 'janeappleseed@example.com',
      phone: '5558881111',
      ssn: '111223333',
      address: '123 Example St.',
      city: 'Salt Lake City',
      state: 'UT',
      postalCode: '84111',
    },
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1539: "Sample identity-updated event". */
const identityUpdated = {
  eventType: 'identity-updated',
  eventTime: '2024-05-16T19:59:51.206Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    identity: {
      firstName: 'Jane',
      lastName: 'Appleseed',
      dateOfBirth: '1984-04-12T12:00:00.000Z',
      email: 'janeappleseed@example.com',
      phone: '5558881111',
      ssn: '111223333',
      address: '123 Example St.',
      city: 'Salt Lake City',
      state: 'UT',
      postalCode: '84111',
    },
    changes: {
      email: {
        previous: 'jillappleseed@example.com',
        current: 'janeappleseed@example.com',
      },
    },
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1615: "Sample income-synced event". */
const incomeSynced = {
  eventType: 'income-synced',
  eventTime: '2024-05-16T19:59:51.211Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    income: {
      income: 45000,
      incomeType: 'yearly',
      annualIncome: 45000,
      hourlyIncome: 21.56,
      netHourlyRate: 18.44,
      payCycle: 'weekly',
      nextExpectedPayDate: '2020-06-30T12:00:00.000Z',
      currentPayPeriodStart: '2020-06-13T12:00:00.000Z',
      currentPayPeriodEnd: '2020-06-27T12:00:00.000Z',
      unpaidHoursInPayPeriod: 24,
    },
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1683: "Sample income-updated event". */
const incomeUpdated = {
  eventType: 'income-updated',
  eventTime: '2024-05-16T19:59:51.215Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  company: {
    _id: '5d77f9e1070856f3828945c5',
    name: 'Mocky',
    branding: {
      logo: {
        url: 'https://cdn.atomicfi.com/mocky-logo.svg',
      },
    },
  },
  publicToken: 'PUBLIC_TOKEN',
  product: 'deposit',
  metadata: {
    orderId: '123',
  },
  task: '5e30afde097146a8fc3d5cec',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    previousStatus: 'processing',
    status: 'completed',
    distributionType: 'fixed',
    distributionAmount: 25,
  },
};

/** Seed 001, line 1739: "Sample statements-synced event". */
const statementsSynced = {
  eventType: 'statements-synced',
  eventTime: '2024-05-16T19:59:51.219Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    statements: [
      {
        date: '2020-06-15T12:00:00.000Z',
        payPeriodStartDate: '2020-05-27T12:00:00.000Z',
        payPeriodEndDate: '2020-06-12T12:00:00.000Z',
        grossAmount: 1000,
        ytdGrossAmount: 10000,
        netAmount: 800,
        ytdNetAmount: 8000,
        deductions: [
          {
            category: 'taxes',
            label: 'Federal Income Tax',
            rawLabel: 'Federal Income Tax',
            amount: 200,
            ytdAmount: 2000,
          },
          {
            category: 'taxes',
            label: 'State Income Tax',
            rawLabel: 'Utah State Tax',
            amount: 50,
            ytdAmount: 500,
          },
          {
            category: 'other',
            label: 'Abc corp dd',
            rawLabel: 'Abc corp dd',
            amount: 5,
            ytdAmount: 50,
          },
        ],
        earnings: [
          {
            category: 'benefit',
            rawLabel: 'Social Security (Disability)',
            amount: 1000,
          },
          {
            category: 'bonus',
            rawLabel: 'Quarterly Bonus',
            amount: 2000,
            ytdAmount: 6000,
          },
          {
            category: 'overtime',
            rawLabel: 'Overtime Pay',
            amount: 100,
            ytdAmount: 1000,
            hours: 10,
            rate: 15,
          },
          {
            category: 'reimbursement',
            rawLabel: 'Gas Card',
            amount: 25.47,
            ytdAmount: 85.74,
          },
        ],
        paystub: {
          _id: '60abeff50836730008616fad',
          url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
        },
      },
      {
        date: '2020-06-30T12:00:00.000Z',
        payPeriodStartDate: '2020-05-27T12:00:00.000Z',
        payPeriodEndDate: '2020-06-12T12:00:00.000Z',
        grossAmount: 1000,
        deductions: [
          {
            category: 'taxes',
            label: 'Federal Income Tax',
            rawLabel: 'Federal Income Tax',
            amount: 200,
          },
          {
            category: 'taxes',
            label: 'State Income Tax',
            rawLabel: 'Utah State Tax',
            amount: 50,
          },
          {
            category: 'other',
            label: 'Abc corp dd',
            rawLabel: 'Abc corp dd',
            amount: 5,
          },
        ],
        paystub: {
          _id: '60abeff50836730008616fae',
          url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
        },
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 1888: "Sample statements-added event". */
const statementsAdded = {
  eventType: 'statements-added',
  eventTime: '2024-05-16T19:59:51.230Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    statements: [
      {
        date: '2020-06-15T12:00:00.000Z',
        payPeriodStartDate: '2020-05-27T12:00:00.000Z',
        payPeriodEndDate: '2020-06-12T12:00:00.000Z',
        grossAmount: 1000,
        ytdGrossAmount: 10000,
        netAmount: 800,
        ytdNetAmount: 8000,
        deductions: [
          {
            category: 'taxes',
            label: 'Federal Income Tax',
            rawLabel: 'Federal Income Tax',
            amount: 200,
            ytdAmount: 2000,
          },
          {
            category: 'taxes',
            label: 'State Income Tax',
            rawLabel: 'Utah State Tax',
            amount: 50,
            ytdAmount: 500,
          },
          {
            category: 'other',
            label: 'Abc corp dd',
            rawLabel: 'Abc corp dd',
            amount: 5,
            ytdAmount: 50,
          },
        ],
        earnings: [
          {
            category: 'benefit',
            rawLabel: 'Social Security (Disability)',
            amount: 1000,
          },
          {
            category: 'bonus',
            rawLabel: 'Quarterly Bonus',
            amount: 2000,
            ytdAmount: 6000,
          },
          {
            category: 'overtime',
            rawLabel: 'Overtime Pay',
            amount: 100,
            ytdAmount: 1000,
            hours: 10,
            rate: 15,
          },
          {
            category: 'reimbursement',
            rawLabel: 'Gas Card',
            amount: 25.47,
            ytdAmount: 85.74,
          },
        ],
        paystub: {
          _id: '60abeff50836730008616fad',
          url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
        },
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 2011: "Sample timesheets-synced event". */
const timesheetsSynced = {
  eventType: 'timesheets-synced',
  eventTime: '2024-05-16T19:59:51.238Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    timesheets: [
      {
        duration: 420,
        date: '2021-10-13T12:00:00.000Z',
        type: 'unpaid',
        clockedIn: '2021-10-13T13:00:00.000Z',
        clockedOut: '2021-10-13T20:00:00.000Z',
      },
      {
        duration: 480,
        date: '2021-10-12T12:00:00.000Z',
        type: 'paid',
        clockedIn: '2021-10-12T13:00:00.000Z',
        clockedOut: '2021-10-12T21:00:00.000Z',
      },
      {
        duration: 340,
        date: '2021-10-11T12:00:00.000Z',
        type: 'paid',
        clockedIn: '2021-10-11T13:00:00.000Z',
        clockedOut: '2021-10-11T18:40:00.000Z',
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 2088: "Sample timesheets-added event". */
const timesheetsAdded = {
  eventType: 'timesheets-added',
  eventTime: '2024-05-16T19:59:51.242Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    timesheets: [
      {
        duration: 420,
        date: '2021-10-13T12:00:00.000Z',
        type: 'unpaid',
        clockedIn: '2021-10-13T13:00:00.000Z',
        clockedOut: '2021-10-13T20:00:00.000Z',
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 2155: "Sample taxes-synced event". */
const taxesSynced = {
  eventType: 'taxes-synced',
  eventTime: '2024-05-16T19:59:51.246Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    taxes: [
      {
        type: 'w2',
        year: '2020-01-01T00:00:00.000Z',
        totalWages: 50000,
        form: {
          _id: '60abeff60836730008616faf',
          url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
        },
        parsedData: {
          taxYear: 2022,
          employeeTin: 'XXX-XX-1234',
          employerTin: '12-3456789',
          employerNameAddress: {
            name1: 'Tax Form Issuer, Inc',
            line1: '12021 Sunset Valley Dr',
            city: 'Preston',
            state: 'VA',
            postalCode: '20191',
          },
          controlNumber: '012547 WY/OA7',
          employeeName: {
            first: 'Kris',
            last: 'Public',
          },
          employeeAddress: {
            line1: '1 Main St',
            city: 'Melrose',
            state: 'NY',
            postalCode: '12121',
          },
          wages: 44416.74,
          federalTaxWithheld: 6907.16,
          socialSecurityWages: 47162.92,
          socialSecurityTaxWithheld: 2924.1,
          medicareWages: 47162.92,
          medicareTaxWithheld: 683.86,
          socialSecurityTips: 134.25,
          allocatedTips: 149.75,
          dependentCareBenefit: 543.25,
          nonQualifiedPlan: 354.23,
          codes: [
            {
              code: 'C',
              amount: 301.5,
            },
            {
              code: 'D',
              amount: 2746.18,
            },
            {
              code: 'DD',
              amount: 4781.88,
            },
          ],
          other: [
            {
              description: 'Housing',
              amount: 6500,
            },
            {
              description: 'Union Dues',
              amount: 1500,
            },
          ],
          stateTaxWithholding: [
            {
              stateTaxWithheld: 1726.78,
              state: 'OH',
              stateTaxId: 'OH 036-133505158F-01',
              stateIncome: 44416.74,
            },
          ],
          localTaxWithholding: [
            {
              localTaxWithheld: 427.62,
              localityName: 'Kirtland',
              state: 'OH',
              localIncome: 44416.74,
            },
          ],
        },
      },
      {
        type: '1099',
        year: '2020-01-01T00:00:00.000Z',
        form: {
          _id: '60abeff60836730008616faf',
          url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
        },
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 2301: "Sample taxes-added event". */
const taxesAdded = {
  eventType: 'taxes-added',
  eventTime: '2024-05-16T19:59:51.256Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    taxes: [
      {
        type: 'w2',
        year: '2020-01-01T00:00:00.000Z',
        totalWages: 50000,
        form: {
          _id: '60abeff60836730008616faf',
          url: '[ATOMIC-GENERATED-PRESIGNED-S3-URL]',
        },
        parsedData: {
          taxYear: 2022,
          employeeTin: 'XXX-XX-1234',
          employerTin: '12-3456789',
          employerNameAddress: {
            name1: 'Tax Form Issuer, Inc',
            line1: '12021 Sunset Valley Dr',
            city: 'Preston',
            state: 'VA',
            postalCode: '20191',
          },
          controlNumber: '012547 WY/OA7',
          employeeName: {
            first: 'Kris',
            last: 'Public',
          },
          employeeAddress: {
            line1: '1 Main St',
            city: 'Melrose',
            state: 'NY',
            postalCode: '12121',
          },
          wages: 44416.74,
          federalTaxWithheld: 6907.16,
          socialSecurityWages: 47162.92,
          socialSecurityTaxWithheld: 2924.1,
          medicareWages: 47162.92,
          medicareTaxWithheld: 683.86,
          socialSecurityTips: 134.25,
          allocatedTips: 149.75,
          dependentCareBenefit: 543.25,
          nonQualifiedPlan: 354.23,
          codes: [
            {
              code: 'C',
              amount: 301.5,
            },
            {
              code: 'D',
              amount: 2746.18,
            },
            {
              code: 'DD',
              amount: 4781.88,
            },
          ],
          other: [
            {
              description: 'Housing',
              amount: 6500,
            },
            {
              description: 'Union Dues',
              amount: 1500,
            },
          ],
          stateTaxWithholding: [
            {
              stateTaxWithheld: 1726.78,
              state: 'OH',
              stateTaxId: 'OH 036-133505158F-01',
              stateIncome: 44416.74,
            },
          ],
          localTaxWithholding: [
            {
              localTaxWithheld: 427.62,
              localityName: 'Kirtland',
              state: 'OH',
              localIncome: 44416.74,
            },
          ],
        },
      },
    ],
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/** Seed 001, line 2430: "Sample conversion-opportunity event". */
const conversionOpportunity = {
  eventType: 'conversion-opportunity',
  eventTime: '2024-05-16T19:59:51.263Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  data: {
    conversionReason: 'retry-task',
    conversionToken:
      'eyJ0eXBlIjoicmV0cnktdGFzayIsInRyYW5zYWN0Q29uZmlnIjp7InRhc2tJZFRvQ29udmVydCI6IjYzMzM2MTRlNzBkNzcwZjFhODE2MTdkMyIsInRhc2tzIjpbeyJwcm9kdWN0IjoiZGVwb3NpdCJ9XX19',
  },
};

/** Seed 001, line 2463: "Sample continuous-access-task-failed event". */
const continuousAccessTaskFailed = {
  eventType: 'continuous-access-task-failed',
  eventTime: '2024-05-16T19:59:51.267Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: {
        logo: {
          url: 'https://cdn.atomicfi.com/mocky-logo.svg',
        },
      },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: {
        logo: {
          _id: '5eb62781b4b83f0008f6343c',
          url: 'https://cdn.atomicfi.com/adp-logo.svg',
        },
      },
    },
    reason: 'unknown-error',
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

// ---- constructed bodies (fake data) for types without a usable doc sample ------------------------

/**
 * CONSTRUCTED (fake data): `income-updated` as the text documents it (income + changes + company +
 * connector + linkedAccount, task ids at the top level like the other payroll-data events), since
 * the docs' own sample is a copy of a task event.
 */
const constructedIncomeUpdated = {
  eventType: 'income-updated',
  eventTime: '2024-05-16T19:59:51.215Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
    connected: true,
  },
  task: '602414d84f9a1980cf5eafcc',
  taskWorkflow: '5e30afde097146a8fc3d5ceb',
  data: {
    income: {
      income: 48000,
      incomeType: 'yearly',
      annualIncome: 48000,
      hourlyIncome: 23.08,
      netHourlyRate: 19.62,
      payCycle: 'biweekly',
      nextExpectedPayDate: '2024-05-31T12:00:00.000Z',
      currentPayPeriodStart: '2024-05-18T12:00:00.000Z',
      currentPayPeriodEnd: '2024-05-31T12:00:00.000Z',
      unpaidHoursInPayPeriod: 0,
    },
    changes: {
      income: { previous: 45000, current: 48000 },
      annualIncome: { previous: 45000, current: 48000 },
      payCycle: { previous: 'weekly', current: 'biweekly' },
    },
    company: {
      _id: '5d77f9e1070856f3828945c5',
      name: 'Mocky',
      branding: { logo: { url: 'https://cdn.atomicfi.com/mocky-logo.svg' } },
    },
    connector: {
      _id: '5d77f95207085632a58945c3',
      name: 'ADP',
      branding: { logo: { _id: '5eb62781b4b83f0008f6343c', url: 'https://cdn.atomicfi.com/adp-logo.svg' } },
    },
    linkedAccount: '5f7212103a40e91f95ba376d',
  },
};

/**
 * CONSTRUCTED (fake data): `pay-link-accounts-updated`. Its payload is undocumented, so `data` is
 * left empty rather than invented; only the documented envelope is filled in.
 */
const constructedPayLinkAccountsUpdated = {
  eventType: 'pay-link-accounts-updated',
  eventTime: '2024-05-16T19:59:51.300Z',
  user: {
    _id: '602c4d53dc89c40008db562a',
    identifier: 'YOUR_UNIQUE_IDENTIFIER',
  },
  data: {},
};

// ---- exports -------------------------------------------------------------------------------------

/** Every sample body of Atomic's webhook reference, in page order (30). */
export const atomicDocSamples: readonly DocSample[] = [
  {
    type: 'sample-event-type',
    source: SEED,
    body: sampleEventType,
    note: 'The generic envelope example of the "Event object" section, not a catalogue type.',
  },
  {
    type: 'task-status-updated',
    source: SEED,
    body: taskEventObject,
    note: 'The "Task Event Object" section sample: deposit task with company and metadata, no authenticationMethod.',
  },
  { type: 'task-status-updated', source: SEED, body: taskStatusUpdated },
  { type: 'task-authentication-status-updated', source: SEED, body: taskAuthenticationStatusUpdated },
  {
    type: 'task-status-patched',
    source: SEED,
    body: taskStatusPatched,
    note: 'previousStatus is "failed", outside the documented queued | processing.',
  },
  {
    type: 'task-status-updated',
    source: SEED,
    body: taskStatusUpdatedVerify,
    note:
      'Verify task with data.outputs (the "Task outputs" section). No user.connected, no authenticationMethod; ' +
      'outputs.w2s[0].parsedData.other[1] has "code" where the taxes samples have "description".',
  },
  {
    type: 'task-status-updated',
    source: SEED,
    body: taskStatusUpdatedFailure,
    note: '"Example Task Failure Event": status is "failed" but no reason is given.',
  },
  { type: 'task-workflow-finished', source: SEED, body: taskWorkflowFinished },
  { type: 'payroll-data-fetched', source: SEED, body: payrollDataFetched },
  {
    type: 'deposit-switch-removed',
    source: SEED,
    body: depositSwitchRemoved,
    note: 'task/taskWorkflow at the top level, though the text lists them under data.',
  },
  { type: 'deposit-accounts-synced', source: SEED, body: depositAccountsSynced },
  { type: 'deposit-accounts-added', source: SEED, body: depositAccountsAdded },
  { type: 'deposit-accounts-updated', source: SEED, body: depositAccountsUpdated },
  { type: 'deposit-accounts-removed', source: SEED, body: depositAccountsRemoved },
  { type: 'linked-account-connected', source: SEED, body: linkedAccountConnected },
  { type: 'linked-account-disconnected', source: SEED, body: linkedAccountDisconnected },
  { type: 'employment-synced', source: SEED, body: employmentSynced },
  { type: 'employment-updated', source: SEED, body: employmentUpdated },
  { type: 'identity-synced', source: SEED, body: identitySynced },
  { type: 'identity-updated', source: SEED, body: identityUpdated },
  { type: 'income-synced', source: SEED, body: incomeSynced },
  {
    type: 'income-updated',
    source: SEED,
    body: incomeUpdated,
    note:
      'A copy of a task event (top-level publicToken/product/company/metadata, task-status data), ' +
      'not the documented income + changes payload; it validates because those fields are optional for this type.',
  },
  { type: 'statements-synced', source: SEED, body: statementsSynced },
  { type: 'statements-added', source: SEED, body: statementsAdded },
  { type: 'timesheets-synced', source: SEED, body: timesheetsSynced },
  { type: 'timesheets-added', source: SEED, body: timesheetsAdded },
  { type: 'taxes-synced', source: SEED, body: taxesSynced },
  { type: 'taxes-added', source: SEED, body: taxesAdded },
  { type: 'conversion-opportunity', source: SEED, body: conversionOpportunity },
  {
    type: 'continuous-access-task-failed',
    source: SEED,
    body: continuousAccessTaskFailed,
    note: 'reason is "unknown-error", which is not in the documented failure list.',
  },
];

/**
 * One body per catalogue type: its first doc sample (the same object), else a constructed body
 * (`income-updated`, whose doc sample is a task event; `pay-link-accounts-updated`, undocumented).
 */
export const atomicSamples: { readonly [T in AtomicEventType]: Readonly<Record<string, unknown>> } = {
  'task-status-updated': taskEventObject,
  'task-authentication-status-updated': taskAuthenticationStatusUpdated,
  'task-status-patched': taskStatusPatched,
  'task-workflow-finished': taskWorkflowFinished,
  'payroll-data-fetched': payrollDataFetched,
  'deposit-switch-removed': depositSwitchRemoved,
  'deposit-accounts-synced': depositAccountsSynced,
  'deposit-accounts-added': depositAccountsAdded,
  'deposit-accounts-updated': depositAccountsUpdated,
  'deposit-accounts-removed': depositAccountsRemoved,
  'linked-account-connected': linkedAccountConnected,
  'linked-account-disconnected': linkedAccountDisconnected,
  'employment-synced': employmentSynced,
  'employment-updated': employmentUpdated,
  'identity-synced': identitySynced,
  'identity-updated': identityUpdated,
  'income-synced': incomeSynced,
  'income-updated': constructedIncomeUpdated,
  'statements-synced': statementsSynced,
  'statements-added': statementsAdded,
  'timesheets-synced': timesheetsSynced,
  'timesheets-added': timesheetsAdded,
  'taxes-synced': taxesSynced,
  'taxes-added': taxesAdded,
  'conversion-opportunity': conversionOpportunity,
  'continuous-access-task-failed': continuousAccessTaskFailed,
  'pay-link-accounts-updated': constructedPayLinkAccountsUpdated,
};
